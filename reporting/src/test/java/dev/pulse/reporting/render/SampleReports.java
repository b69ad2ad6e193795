package dev.pulse.reporting.render;

import dev.pulse.reporting.Kpi;
import dev.pulse.reporting.Kpi.Unit;
import dev.pulse.reporting.NationalSummaryData;
import dev.pulse.reporting.NationalSummaryData.RegionRow;
import dev.pulse.reporting.RegionalReportData;
import dev.pulse.reporting.RegionalReportData.Campaign;
import dev.pulse.reporting.RegionalReportData.ComplaintCategory;
import dev.pulse.reporting.RegionalReportData.Province;
import dev.pulse.reporting.RegionalReportData.TrendPoint;
import dev.pulse.reporting.ReportPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Hand-built report data with known numbers, for tests that read the rendered PDF back. */
final class SampleReports {

    static final ReportPeriod MAY = new ReportPeriod(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1));
    static final Instant GENERATED = Instant.parse("2026-06-01T00:30:00Z");

    private SampleReports() {}

    static RegionalReportData regional(String region) {
        return new RegionalReportData(
                region,
                MAY,
                GENERATED,
                "wm-1765432100000",
                List.of(
                        new Kpi("nps", "净推荐值 NPS", Unit.SCORE, 42.13, 38.0, true, 38.02, 46.24),
                        new Kpi("csat_top2_pct", "满意率 CSAT", Unit.PERCENT, 86.54, 85.1, false, null, null),
                        new Kpi("ces_avg", "费力度 CES", Unit.AVERAGE, 2.314, 2.5, null, null, null),
                        new Kpi("revenue", "营收（元）", Unit.AMOUNT, 123_456_789.0, 110_000_000.0, true, null, null),
                        new Kpi("orders", "订单数", Unit.COUNT, 45_678.0, 40_000.0, null, null, null),
                        new Kpi("active_customers", "活跃客户", Unit.COUNT, 9_876.0, 9_500.0, null, null, null),
                        new Kpi("churn_rate_pct", "流失率", Unit.PERCENT, 3.2, 3.5, false, null, null),
                        new Kpi("complaints_per_1k_orders", "每千单投诉", Unit.RATE, 4.567, 5.0, null, null, null),
                        new Kpi("sla_compliance_pct", "SLA 达成率", Unit.PERCENT, 97.25, 96.0, null, null, null)),
                List.of(
                        new TrendPoint("2026-03", 35.0),
                        new TrendPoint("2026-04", 38.0),
                        new TrendPoint("2026-05", 42.13)),
                List.of(
                        new TrendPoint("2026-03", 9.8e7),
                        new TrendPoint("2026-04", 1.1e8),
                        new TrendPoint("2026-05", 1.2345e8)),
                List.of(
                        new Province("上海", 45.5, 88.0, 61_000_000.0, 20_000L, 4_000L),
                        new Province("浙江", 40.25, 85.0, 35_500_000.0, 15_000L, 3_500L)),
                List.of(new Campaign("<b>618 大促</b> & 会员日", "app", 500_000.0, 2_100_000.0, 3.2)),
                List.of(new ComplaintCategory("电话", 120, 40.0), new ComplaintCategory("门店", 90, 30.0)));
    }

    static NationalSummaryData national() {
        return new NationalSummaryData(
                MAY,
                GENERATED,
                "wm-1765432100000",
                List.of(
                        row("华东", 42.1, 40.0, true, 1.2345e8),
                        row("华南", 39.7, 41.0, false, 9.5e7),
                        row("西北", 21.0, 20.5, false, 1.2e7)));
    }

    private static RegionRow row(String region, double nps, double previousNps, boolean significant, double revenue) {
        return new RegionRow(
                region,
                new Kpi("nps", "NPS", Unit.SCORE, nps, previousNps, significant, null, null),
                85.0,
                2.4,
                new Kpi("revenue", "营收", Unit.AMOUNT, revenue, revenue * 0.9, null, null, null),
                12_345L,
                3.1,
                96.5);
    }
}
