package dev.pulse.reporting.data;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.Kpi;
import dev.pulse.reporting.Kpi.Unit;
import dev.pulse.reporting.NationalSummaryData;
import dev.pulse.reporting.RegionNotAllowedException;
import dev.pulse.reporting.RegionalReportData;
import dev.pulse.reporting.RegionalReportData.Campaign;
import dev.pulse.reporting.RegionalReportData.ComplaintCategory;
import dev.pulse.reporting.RegionalReportData.Province;
import dev.pulse.reporting.RegionalReportData.TrendPoint;
import dev.pulse.reporting.ReportData;
import dev.pulse.reporting.ReportPeriod;
import dev.pulse.reporting.ReportingSettings;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.MetricQuery.Comparison;
import dev.pulse.warehouse.metrics.MetricQuery.Direction;
import dev.pulse.warehouse.metrics.MetricQuery.Order;
import dev.pulse.warehouse.metrics.MetricResult;
import dev.pulse.warehouse.metrics.Metrics;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Fills the report records from the governed metrics, so a report and a dashboard asked for the
 * same region and period print the same numbers. A regional report is computed under a scope of
 * that one region, whoever asks for it.
 */
public final class ReportDataService {

    /** The KPI summary of the regional report: metric, label, unit, in print order. */
    private static final List<KpiSpec> KPIS = List.of(
            new KpiSpec("nps", "净推荐值 NPS", Unit.SCORE),
            new KpiSpec("csat_top2_pct", "满意率 CSAT", Unit.PERCENT),
            new KpiSpec("ces_avg", "费力度 CES", Unit.AVERAGE),
            new KpiSpec("revenue", "营收（元）", Unit.AMOUNT),
            new KpiSpec("orders", "订单数", Unit.COUNT),
            new KpiSpec("active_customers", "活跃客户", Unit.COUNT),
            new KpiSpec("churn_rate_pct", "流失率", Unit.PERCENT),
            new KpiSpec("complaints_per_1k_orders", "每千单投诉", Unit.RATE),
            new KpiSpec("sla_compliance_pct", "SLA 达成率", Unit.PERCENT));

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final Metrics metrics;
    private final WriteWatermark watermark;
    private final PulseSettings pulse;
    private final ReportingSettings settings;
    private final Clock clock;

    /**
     * @param metrics the governed metric API, must not be null
     * @param watermark the warehouse's write mark, printed on every report, must not be null
     * @param pulse the regions and time zone, must not be null
     * @param settings trend length and table sizes, must not be null
     * @param clock the source of generation times, must not be null
     */
    public ReportDataService(
            Metrics metrics, WriteWatermark watermark, PulseSettings pulse, ReportingSettings settings, Clock clock) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.watermark = Objects.requireNonNull(watermark, "watermark");
        this.pulse = Objects.requireNonNull(pulse, "pulse");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one KPI row is made of. */
    private record KpiSpec(String metric, String label, Unit unit) {}

    /**
     * The regional performance report's data for {@code region} and {@code period}.
     *
     * @param caller who asks, must not be null; must be allowed to see {@code region}
     * @param region one of {@code pulse.regions}, must not be null
     * @param period the reported period, must not be null
     * @throws IllegalArgumentException when {@code region} is not a known region
     * @throws RegionNotAllowedException when the caller's scope does not include {@code region}
     */
    public ReportData<RegionalReportData> regional(Caller caller, String region, ReportPeriod period) {
        Caller regional = narrowTo(caller, region);
        String mark = String.valueOf(watermark.current());
        List<String> sql = new ArrayList<>();

        MetricResult summary = run(
                sql,
                regional,
                new MetricQuery(
                        List.of(
                                "nps",
                                "nps_ci95",
                                "csat_top2_pct",
                                "ces_avg",
                                "revenue",
                                "orders",
                                "active_customers",
                                "churn_rate_pct",
                                "complaints_per_1k_orders",
                                "sla_compliance_pct"),
                        List.of(),
                        List.of(),
                        period.from(),
                        period.to(),
                        List.of(),
                        null,
                        Comparison.PREVIOUS_PERIOD));
        List<Kpi> kpis = kpis(MetricRows.single(summary));

        LocalDate trendFrom = period.lastDay().withDayOfMonth(1).minusMonths(settings.trendMonths() - 1L);
        MetricResult trend =
                run(sql, regional, MetricQuery.of(List.of("nps", "revenue"), List.of("month"), trendFrom, period.to()));
        List<TrendPoint> npsTrend = new ArrayList<>();
        List<TrendPoint> revenueTrend = new ArrayList<>();
        for (MetricRows row : MetricRows.all(trend)) {
            String month = MONTH.format((LocalDate) row.raw("month"));
            npsTrend.add(new TrendPoint(month, row.number("nps")));
            revenueTrend.add(new TrendPoint(month, row.number("revenue")));
        }

        MetricResult byProvince = run(
                sql,
                regional,
                new MetricQuery(
                        List.of("nps", "csat_top2_pct", "revenue", "orders", "active_customers"),
                        List.of("province"),
                        List.of(),
                        period.from(),
                        period.to(),
                        List.of(new Order("revenue", Direction.DESC)),
                        null,
                        null));
        List<Province> provinces = MetricRows.all(byProvince).stream()
                .map(r -> new Province(
                        r.text("province"),
                        r.number("nps"),
                        r.number("csat_top2_pct"),
                        r.number("revenue"),
                        r.count("orders"),
                        r.count("active_customers")))
                .toList();

        MetricResult byCampaign = run(
                sql,
                regional,
                new MetricQuery(
                        List.of("campaign_cost", "campaign_revenue", "campaign_roi"),
                        List.of("campaign", "channel"),
                        List.of(),
                        period.from(),
                        period.to(),
                        List.of(new Order("campaign_roi", Direction.DESC)),
                        null,
                        null));
        List<Campaign> campaigns = MetricRows.all(byCampaign).stream()
                .map(r -> new Campaign(
                        r.text("campaign"),
                        r.text("channel"),
                        r.number("campaign_cost"),
                        r.number("campaign_revenue"),
                        r.number("campaign_roi")))
                .toList();

        // Feedback carries no complaint sub-category, so complaints are broken down by the channel they came in on.
        MetricResult byChannel = run(
                sql,
                regional,
                new MetricQuery(
                        List.of("complaints"),
                        List.of("channel"),
                        List.of(),
                        period.from(),
                        period.to(),
                        List.of(new Order("complaints", Direction.DESC)),
                        null,
                        null));
        List<ComplaintCategory> complaints = complaints(MetricRows.all(byChannel));

        return new ReportData<>(
                new RegionalReportData(
                        region,
                        period,
                        clock.instant(),
                        mark,
                        kpis,
                        npsTrend,
                        revenueTrend,
                        provinces,
                        campaigns,
                        complaints),
                sql);
    }

    /**
     * The national executive summary's data: every region the caller may see, ranked by NPS.
     *
     * @param caller who asks, must not be null; the summary covers the regions of its scope
     * @param period the reported period, must not be null
     */
    public ReportData<NationalSummaryData> national(Caller caller, ReportPeriod period) {
        Objects.requireNonNull(caller, "caller");
        String mark = String.valueOf(watermark.current());
        List<String> sql = new ArrayList<>();
        MetricResult byRegion = run(
                sql,
                caller,
                new MetricQuery(
                        List.of(
                                "nps",
                                "csat_top2_pct",
                                "ces_avg",
                                "revenue",
                                "orders",
                                "churn_rate_pct",
                                "sla_compliance_pct"),
                        List.of("region"),
                        List.of(),
                        period.from(),
                        period.to(),
                        List.of(),
                        null,
                        Comparison.PREVIOUS_PERIOD));
        List<NationalSummaryData.RegionRow> regions = MetricRows.all(byRegion).stream()
                .map(r -> new NationalSummaryData.RegionRow(
                        r.text("region"),
                        kpi(r, new KpiSpec("nps", "NPS", Unit.SCORE), Boolean.TRUE.equals(r.flag("small_sample"))),
                        r.number("csat_top2_pct"),
                        r.number("ces_avg"),
                        kpi(r, new KpiSpec("revenue", "营收", Unit.AMOUNT), false),
                        r.count("orders"),
                        r.number("churn_rate_pct"),
                        r.number("sla_compliance_pct")))
                .sorted(Comparator.comparing(
                        (NationalSummaryData.RegionRow row) -> row.nps().value(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        return new ReportData<>(new NationalSummaryData(period, clock.instant(), mark, regions), sql);
    }

    private Caller narrowTo(Caller caller, String region) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(region, "region");
        if (!pulse.regions().contains(region)) {
            throw new IllegalArgumentException("region must be one of " + pulse.regions() + ", not " + region);
        }
        if (!caller.scope().allows(region)) {
            throw new RegionNotAllowedException(region);
        }
        return new Caller(caller.name(), caller.role(), Scope.of(Set.of(region)));
    }

    private MetricResult run(List<String> sql, Caller caller, MetricQuery query) {
        MetricResult result = metrics.run(query, caller);
        sql.add(result.meta().sql());
        return result;
    }

    private static List<Kpi> kpis(MetricRows row) {
        boolean small = Boolean.TRUE.equals(row.flag("small_sample"));
        List<Kpi> kpis = new ArrayList<>();
        for (KpiSpec spec : KPIS) {
            Kpi kpi = kpi(row, spec, small);
            if (spec.metric().equals("nps")) {
                Double half = row.number("nps_ci95");
                boolean bounded = kpi.value() != null && half != null;
                kpi = new Kpi(
                        kpi.metric(),
                        kpi.label(),
                        kpi.unit(),
                        kpi.value(),
                        kpi.previous(),
                        kpi.significant(),
                        bounded ? kpi.value() - half : null,
                        bounded ? kpi.value() + half : null,
                        kpi.smallSample());
            }
            kpis.add(kpi);
        }
        return kpis;
    }

    /** One KPI; {@code smallSample} marks only the metrics with a significance test, which rest on survey samples. */
    private static Kpi kpi(MetricRows row, KpiSpec spec, boolean smallSample) {
        boolean tested = row.result().columns().stream().anyMatch(c -> c.name().equals(spec.metric() + "_significant"));
        return new Kpi(
                spec.metric(),
                spec.label(),
                spec.unit(),
                row.number(spec.metric()),
                row.number(spec.metric() + "_compare"),
                tested ? row.flag(spec.metric() + "_significant") : null,
                null,
                null,
                tested && smallSample);
    }

    private List<ComplaintCategory> complaints(List<MetricRows> rows) {
        long total = rows.stream()
                .map(r -> r.count("complaints"))
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .sum();
        return rows.stream()
                .filter(r -> r.count("complaints") != null && r.count("complaints") > 0)
                .limit(settings.topComplaints())
                .map(r -> new ComplaintCategory(
                        r.text("channel"),
                        r.count("complaints"),
                        total == 0 ? null : r.count("complaints") * 100.0 / total))
                .toList();
    }
}
