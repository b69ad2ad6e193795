package dev.pulse.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.Kpi.Unit;
import dev.pulse.reporting.NationalSummaryData;
import dev.pulse.reporting.RegionNotAllowedException;
import dev.pulse.reporting.RegionalReportData;
import dev.pulse.reporting.ReportData;
import dev.pulse.reporting.ReportPeriod;
import dev.pulse.reporting.SeedData;
import dev.pulse.reporting.data.ReportDataService;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.MetricQuery.Comparison;
import dev.pulse.warehouse.metrics.MetricQuery.Filter;
import dev.pulse.warehouse.metrics.MetricQuery.Op;
import dev.pulse.warehouse.metrics.MetricResult;
import dev.pulse.warehouse.metrics.Metrics;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Reports rendered from the seeded warehouse print the numbers the metric API gives a dashboard for
 * the same region and period.
 */
@SpringBootTest
class ReportsFromMetricsIT {

    static final ReportPeriod MAY = new ReportPeriod(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1));
    static final Caller EXECUTIVE = new Caller("exec", Role.EXECUTIVE, Scope.ALL);

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    Metrics metrics;

    @Autowired
    ReportDataService reports;

    @Autowired
    ReportRenderer renderer;

    @BeforeEach
    void seed() {
        SeedData.load(engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"华东", "西南"})
    void regionalKpisEqualTheMetricApi(String region) {
        ReportData<RegionalReportData> data = reports.regional(EXECUTIVE, region, MAY);
        PdfText pdf = PdfText.of(renderer.regional(data.data()));
        MetricResult api = metrics.run(
                new MetricQuery(
                        List.of(
                                "nps",
                                "csat_top2_pct",
                                "ces_avg",
                                "revenue",
                                "orders",
                                "active_customers",
                                "churn_rate_pct",
                                "complaints_per_1k_orders",
                                "sla_compliance_pct"),
                        List.of("region"),
                        List.of(new Filter("region", Op.EQ, List.of(region))),
                        MAY.from(),
                        MAY.to(),
                        List.of(),
                        null,
                        Comparison.PREVIOUS_PERIOD),
                EXECUTIVE);
        List<Object> row = api.rows().getFirst();

        assertThat(pdf.text()).contains(region);
        assertThat(number(api, row, "nps")).isNotNull();
        assertKpi(pdf, "净推荐值 NPS", api, row, "nps", Unit.SCORE);
        assertKpi(pdf, "满意率 CSAT", api, row, "csat_top2_pct", Unit.PERCENT);
        assertKpi(pdf, "费力度 CES", api, row, "ces_avg", Unit.AVERAGE);
        assertKpi(pdf, "营收（元）", api, row, "revenue", Unit.AMOUNT);
        assertKpi(pdf, "订单数", api, row, "orders", Unit.COUNT);
        assertKpi(pdf, "活跃客户", api, row, "active_customers", Unit.COUNT);
        assertKpi(pdf, "流失率", api, row, "churn_rate_pct", Unit.PERCENT);
        assertKpi(pdf, "每千单投诉", api, row, "complaints_per_1k_orders", Unit.RATE);
        assertKpi(pdf, "SLA 达成率", api, row, "sla_compliance_pct", Unit.PERCENT);
        assertThat(pdf.line("净推荐值 NPS"))
                .contains(ReportFormats.significance((Boolean) row.get(api.indexOf("nps_significant")), (Boolean)
                        row.get(api.indexOf("small_sample"))));
        assertThat(data.sql()).hasSize(5).allSatisfy(sql -> assertThat(sql).contains("region"));
    }

    @Test
    void aRegionalReportShowsOnlyItsOwnRegion() {
        PdfText pdf = PdfText.of(
                renderer.regional(reports.regional(EXECUTIVE, "西南", MAY).data()));

        assertThat(pdf.text()).contains("四川", "重庆").doesNotContain("上海", "北京", "华东 618 预热");
        assertThat(pdf.text()).contains("cmp-1");
    }

    @Test
    void theNationalSummaryRanksRegionsByTheMetricApisNps() {
        PdfText pdf =
                PdfText.of(renderer.national(reports.national(EXECUTIVE, MAY).data()));
        MetricResult api = metrics.run(
                new MetricQuery(
                        List.of("nps", "revenue"),
                        List.of("region"),
                        List.of(),
                        MAY.from(),
                        MAY.to(),
                        List.of(new MetricQuery.Order("nps", MetricQuery.Direction.DESC)),
                        null,
                        null),
                EXECUTIVE);

        assertThat(api.rows()).hasSize(3);
        for (int rank = 0; rank < api.rows().size(); rank++) {
            List<Object> row = api.rows().get(rank);
            String line = pdf.line((rank + 1) + " " + row.get(api.indexOf("region")));
            assertThat(line)
                    .contains(
                            ReportFormats.value(number(api, row, "nps"), Unit.SCORE),
                            ReportFormats.value(number(api, row, "revenue"), Unit.AMOUNT));
        }
    }

    @Test
    void aRegionalManagerGetsOnlyTheirOwnRegion() {
        Caller manager = new Caller("li", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));

        assertThat(reports.regional(manager, "华东", MAY).data().region()).isEqualTo("华东");
        assertThatThrownBy(() -> reports.regional(manager, "西南", MAY))
                .isInstanceOf(RegionNotAllowedException.class)
                .hasMessageContaining("西南");
        assertThatThrownBy(() -> reports.regional(EXECUTIVE, "火星", MAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("火星");
        assertThat(reports.national(manager, MAY).data().regions())
                .extracting(NationalSummaryData.RegionRow::region)
                .containsExactly("华东");
    }

    private static void assertKpi(
            PdfText pdf, String label, MetricResult api, List<Object> row, String metric, Unit unit) {
        Double value = number(api, row, metric);
        Double previous = number(api, row, metric + "_compare");
        assertThat(pdf.line(label))
                .as(metric)
                .contains(" " + ReportFormats.value(value, unit) + " ")
                .contains(ReportFormats.value(previous, unit))
                .contains(ReportFormats.change(value, previous, unit));
    }

    private static Double number(MetricResult api, List<Object> row, String column) {
        Object value = row.get(api.indexOf(column));
        return switch (value) {
            case null -> null;
            case BigDecimal d -> d.doubleValue();
            case Number n -> n.doubleValue();
            default -> throw new AssertionError(column + " is not a number: " + value);
        };
    }
}
