package dev.pulse.reporting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the regional performance report prints for one region and one period, already
 * computed; the renderer never queries anything itself.
 *
 * @param region the region's name, e.g. {@code 华东}
 * @param period the reported period
 * @param generatedAt when the numbers were computed
 * @param watermark the data watermark the numbers were computed at
 * @param kpis the KPI summary, in print order
 * @param npsTrend NPS per month up to the end of the period
 * @param revenueTrend revenue per month up to the end of the period
 * @param provinces one row per province of the region
 * @param campaigns campaigns that ran in the region
 * @param complaints the complaint categories with most complaints, largest first
 */
public record RegionalReportData(
        String region,
        ReportPeriod period,
        Instant generatedAt,
        String watermark,
        List<Kpi> kpis,
        List<TrendPoint> npsTrend,
        List<TrendPoint> revenueTrend,
        List<Province> provinces,
        List<Campaign> campaigns,
        List<ComplaintCategory> complaints) {

    public RegionalReportData {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(watermark, "watermark");
        kpis = List.copyOf(kpis);
        npsTrend = List.copyOf(npsTrend);
        revenueTrend = List.copyOf(revenueTrend);
        provinces = List.copyOf(provinces);
        campaigns = List.copyOf(campaigns);
        complaints = List.copyOf(complaints);
    }

    /** One point of a trend chart, e.g. {@code 2026-05} and its value; the value is null when there was no data. */
    public record TrendPoint(String label, Double value) {}

    /** The headline numbers of one province. */
    public record Province(
            String province, Double nps, Double csatTop2Pct, Double revenue, Long orders, Long activeCustomers) {}

    /** One campaign with what it cost, what it brought and its return on investment. */
    public record Campaign(String name, String channel, Double cost, Double revenue, Double roi) {}

    /** A complaint category and how many complaints it had; {@code share} is a percentage of all complaints. */
    public record ComplaintCategory(String category, long count, Double share) {}
}
