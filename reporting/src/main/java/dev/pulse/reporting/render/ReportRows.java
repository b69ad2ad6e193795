package dev.pulse.reporting.render;

import static dev.pulse.reporting.render.ReportFormats.change;
import static dev.pulse.reporting.render.ReportFormats.interval;
import static dev.pulse.reporting.render.ReportFormats.significance;
import static dev.pulse.reporting.render.ReportFormats.value;

import dev.pulse.reporting.Kpi;
import dev.pulse.reporting.Kpi.Unit;
import dev.pulse.reporting.NationalSummaryData;
import dev.pulse.reporting.RegionalReportData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * Turns report records into the rows the templates read: every printed value is a finished string,
 * chart values stay numbers.
 */
final class ReportRows {

    private ReportRows() {}

    static JRDataSource kpis(List<Kpi> kpis) {
        return rows(kpis.stream()
                .map(k -> row(
                        "label", k.label(),
                        "value", value(k.value(), k.unit()),
                        "interval", interval(k.low(), k.high(), k.unit()),
                        "previous", value(k.previous(), k.unit()),
                        "change", change(k.value(), k.previous(), k.unit()),
                        "significance", significance(k.significant(), k.smallSample())))
                .toList());
    }

    static JRDataSource trend(List<RegionalReportData.TrendPoint> points) {
        return rows(points.stream()
                .map(p -> row("label", p.label(), "value", p.value()))
                .toList());
    }

    /** Revenue points in 万 yuan, so the chart's axis reads like the tables. */
    static JRDataSource trendInWan(List<RegionalReportData.TrendPoint> points) {
        return rows(points.stream()
                .map(p -> row("label", p.label(), "value", p.value() == null ? null : p.value() / 10_000))
                .toList());
    }

    static JRDataSource provinces(List<RegionalReportData.Province> provinces) {
        return rows(provinces.stream()
                .map(p -> row(
                        "province", p.province(),
                        "nps", value(p.nps(), Unit.SCORE),
                        "csat", value(p.csatTop2Pct(), Unit.PERCENT),
                        "revenue", value(p.revenue(), Unit.AMOUNT),
                        "orders", value(asDouble(p.orders()), Unit.COUNT),
                        "activeCustomers", value(asDouble(p.activeCustomers()), Unit.COUNT)))
                .toList());
    }

    static JRDataSource campaigns(List<RegionalReportData.Campaign> campaigns) {
        return rows(campaigns.stream()
                .map(c -> row(
                        "name", c.name(),
                        "channel", c.channel() == null ? ReportFormats.MISSING : c.channel(),
                        "cost", value(c.cost(), Unit.AMOUNT),
                        "revenue", value(c.revenue(), Unit.AMOUNT),
                        "roi", value(c.roi(), Unit.MULTIPLE)))
                .toList());
    }

    static JRDataSource complaints(List<RegionalReportData.ComplaintCategory> complaints) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (int i = 0; i < complaints.size(); i++) {
            RegionalReportData.ComplaintCategory c = complaints.get(i);
            rows.add(row(
                    "rank",
                    String.valueOf(i + 1),
                    "category",
                    c.category(),
                    "count",
                    value((double) c.count(), Unit.COUNT),
                    "share",
                    value(c.share(), Unit.PERCENT)));
        }
        return rows(rows);
    }

    static JRDataSource regions(List<NationalSummaryData.RegionRow> regions) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            NationalSummaryData.RegionRow r = regions.get(i);
            rows.add(row(
                    "rank", String.valueOf(i + 1),
                    "region", r.region(),
                    "nps", value(r.nps().value(), Unit.SCORE),
                    "npsValue", r.nps().value(),
                    "npsChange", change(r.nps().value(), r.nps().previous(), Unit.SCORE),
                    "npsSignificance",
                            significance(r.nps().significant(), r.nps().smallSample()),
                    "csat", value(r.csatTop2Pct(), Unit.PERCENT),
                    "ces", value(r.cesAvg(), Unit.AVERAGE),
                    "revenue", value(r.revenue().value(), Unit.AMOUNT),
                    "revenueChange", change(r.revenue().value(), r.revenue().previous(), Unit.AMOUNT),
                    "orders", value(asDouble(r.orders()), Unit.COUNT),
                    "churn", value(r.churnRatePct(), Unit.PERCENT),
                    "sla", value(r.slaCompliancePct(), Unit.PERCENT)));
        }
        return rows(rows);
    }

    private static Double asDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }

    private static Map<String, ?> row(Object... keysAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static JRDataSource rows(List<? extends Map<String, ?>> rows) {
        return new JRMapCollectionDataSource((List) rows);
    }
}
