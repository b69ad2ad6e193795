package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.warehouse.metrics.MetricQuery.Comparison;
import dev.pulse.warehouse.metrics.MetricQuery.Direction;
import dev.pulse.warehouse.metrics.MetricQuery.Filter;
import dev.pulse.warehouse.metrics.MetricQuery.Op;
import dev.pulse.warehouse.metrics.MetricQuery.Order;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which metric requests are answered, and for each refused one, the field named and why. */
class RequestTest {

    static final Catalogue CATALOGUE = Catalogue.load();
    static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    static final LocalDate TO = LocalDate.of(2026, 4, 1);

    static MetricQuery query(List<String> metrics, List<String> dims) {
        return MetricQuery.of(metrics, dims, FROM, TO);
    }

    static MetricQuery with(List<Filter> filters) {
        return new MetricQuery(List.of("nps"), List.of(), filters, FROM, TO, List.of(), null, null);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(query(List.of(), List.of()), "metrics", "at least one metric is required"),
                Arguments.of(query(List.of("nps", "npss"), List.of()), "metrics[1]", "unknown metric 'npss'"),
                Arguments.of(query(Arrays.asList("nps", null), List.of()), "metrics[1]", "unknown metric 'null'"),
                Arguments.of(query(List.of("nps", "nps"), List.of()), "metrics[1]", "metric 'nps' is requested twice"),
                Arguments.of(
                        query(Collections.nCopies(31, "nps"), List.of()), "metrics", "at most 30 metrics per request"),
                Arguments.of(query(List.of("nps"), List.of("regio")), "dimensions[0]", "unknown dimension 'regio'"),
                Arguments.of(
                        query(List.of("nps"), List.of("region", "region")),
                        "dimensions[1]",
                        "'region' is requested twice"),
                Arguments.of(
                        query(List.of("nps"), List.of("month", "week")),
                        "dimensions[1]",
                        "only one time grain per request, 'month' is already one"),
                Arguments.of(
                        query(List.of("nps", "revenue"), List.of("region", "survey")),
                        "dimensions[1]",
                        "metric 'revenue' cannot be sliced by dimension 'survey'"),
                Arguments.of(
                        query(List.of("rfm_customers"), List.of("month")),
                        "dimensions[0]",
                        "metric 'rfm_customers' cannot be sliced by dimension 'month'"),
                Arguments.of(
                        query(List.of("revenue"), List.of("rfm_segment")),
                        "dimensions[0]",
                        "metric 'revenue' cannot be sliced by dimension 'rfm_segment'"),
                Arguments.of(
                        query(List.of("responses", "revenue"), List.of("theme")),
                        "dimensions[0]",
                        "metric 'revenue' cannot be sliced by dimension 'theme'"),
                Arguments.of(
                        query(List.of("churn_rate_pct"), List.of("theme")),
                        "dimensions[0]",
                        "metric 'churn_rate_pct' cannot be sliced by dimension 'theme'"),
                Arguments.of(
                        query(List.of("complaints"), List.of("nps_group")),
                        "dimensions[0]",
                        "metric 'complaints' cannot be sliced by dimension 'nps_group'"),
                Arguments.of(
                        with(List.of(new Filter("nps_group", Op.IN, List.of("detractor", "critic")))),
                        "filters[0].values[1]",
                        "'critic' is not a value of nps_group; values are [detractor, passive, promoter]"),
                Arguments.of(
                        with(List.of(new Filter("theme", Op.EQ, List.of("weather")))),
                        "filters[0].values[0]",
                        "'weather' is not a value of theme; values are [delivery, service_attitude, price, quality, refund, app]"),
                Arguments.of(
                        with(List.of(new Filter("nps_score", Op.IN, List.of("10", "11")))),
                        "filters[0].values[1]",
                        "'11' is not an NPS score; scores are 0 to 10"),
                Arguments.of(
                        with(List.of(new Filter("nps_score", Op.EQ, List.of("07")))),
                        "filters[0].values[0]",
                        "'07' is not an NPS score; scores are 0 to 10"),
                Arguments.of(
                        query(List.of("cohort_customers", "retention_pct"), List.of("cohort_month")),
                        "dimensions",
                        "metric 'retention_pct' is counted per month since signup: add the dimension 'months_since'"),
                Arguments.of(
                        query(List.of("cohort_customers"), List.of("month")),
                        "dimensions[0]",
                        "metric 'cohort_customers' cannot be sliced by dimension 'month'"),
                Arguments.of(
                        query(List.of("revenue"), List.of("cohort_month")),
                        "dimensions[0]",
                        "metric 'revenue' cannot be sliced by dimension 'cohort_month'"),
                Arguments.of(
                        query(List.of("retention_pct"), List.of("months_since", "channel")),
                        "dimensions[1]",
                        "metric 'retention_pct' cannot be sliced by dimension 'channel'"),
                Arguments.of(
                        new MetricQuery(
                                List.of("cohort_customers"),
                                List.of(),
                                List.of(new Filter("cohort_month", Op.EQ, List.of("2026-01-01"))),
                                FROM,
                                TO,
                                List.of(),
                                null,
                                null),
                        "filters[0].dimension",
                        "time is filtered with from and to, not with 'cohort_month'"),
                Arguments.of(
                        new MetricQuery(
                                List.of("retention_pct"),
                                List.of("months_since"),
                                List.of(new Filter("months_since", Op.EQ, List.of("1"))),
                                FROM,
                                TO,
                                List.of(),
                                null,
                                null),
                        "filters[0].dimension",
                        "'months_since' can be grouped by, not filtered"),
                Arguments.of(
                        new MetricQuery(
                                List.of("retention_pct"),
                                List.of("months_since"),
                                List.of(),
                                FROM,
                                TO,
                                List.of(),
                                null,
                                Comparison.PREVIOUS_YEAR),
                        "compareTo",
                        "cohort metrics are not compared with another period: "
                                + "the cohorts of the range are compared with each other by cohort_month"),
                Arguments.of(
                        with(List.of(new Filter("colour", Op.IN, List.of("red")))),
                        "filters[0].dimension",
                        "unknown dimension 'colour'"),
                Arguments.of(
                        with(List.of(new Filter("product_category", Op.IN, List.of("数码")))),
                        "filters[0].dimension",
                        "metric 'nps' cannot be sliced by dimension 'product_category'"),
                Arguments.of(
                        with(List.of(new Filter("month", Op.EQ, List.of("2026-01-01")))),
                        "filters[0].dimension",
                        "time is filtered with from and to, not with 'month'"),
                Arguments.of(
                        with(List.of(new Filter("region", null, List.of("华东")))),
                        "filters[0].op",
                        "op is required: in, not_in, eq or ne"),
                Arguments.of(
                        with(List.of(new Filter("region", Op.IN, List.of()))),
                        "filters[0].values",
                        "at least one value is required"),
                Arguments.of(
                        with(List.of(
                                new Filter("region", Op.IN, List.of("华东")),
                                new Filter("region", Op.EQ, List.of("华东", "华南")))),
                        "filters[1].values",
                        "eq takes exactly one value"),
                Arguments.of(
                        with(List.of(new Filter("region", Op.IN, Arrays.asList("华东", null)))),
                        "filters[0].values[1]",
                        "a value must not be null"),
                Arguments.of(
                        with(List.of(new Filter("region", Op.IN, List.of("华东", "x".repeat(257))))),
                        "filters[0].values[1]",
                        "a value has at most 256 characters"),
                Arguments.of(
                        with(List.of(new Filter("region", Op.IN, Collections.nCopies(1001, "华东")))),
                        "filters[0].values",
                        "1001 values; at most 1000 per filter (pulse.metrics.max-filter-values)"),
                Arguments.of(
                        with(Collections.nCopies(51, new Filter("region", Op.IN, List.of("华东")))),
                        "filters",
                        "51 filters; at most 50 per request (pulse.metrics.max-filters)"),
                Arguments.of(
                        with(Collections.nCopies(10_000, new Filter("region", Op.IN, List.of("华东")))),
                        "filters",
                        "10000 filters; at most 50 per request (pulse.metrics.max-filters)"),
                Arguments.of(
                        MetricQuery.of(List.of("nps"), List.of(), null, TO),
                        "from",
                        "the first day (from) is required"),
                Arguments.of(
                        MetricQuery.of(List.of("nps"), List.of(), FROM, null),
                        "to",
                        "the day after the last (to) is required"),
                Arguments.of(
                        MetricQuery.of(List.of("nps"), List.of(), FROM, FROM),
                        "to",
                        "to (exclusive) must be after from"),
                Arguments.of(
                        MetricQuery.of(List.of("nps"), List.of(), LocalDate.of(1969, 12, 31), TO),
                        "from",
                        "from must not be before 1970-01-01"),
                Arguments.of(
                        MetricQuery.of(List.of("nps"), List.of(), FROM, FROM.plusYears(21)),
                        "to",
                        "a range spans at most 7320 days"),
                Arguments.of(
                        new MetricQuery(List.of("nps"), List.of(), List.of(), FROM, TO, List.of(), 0, null),
                        "limit",
                        "limit must be between 1 and 10000"),
                Arguments.of(
                        new MetricQuery(List.of("nps"), List.of(), List.of(), FROM, TO, List.of(), 10001, null),
                        "limit",
                        "limit must be between 1 and 10000"),
                Arguments.of(
                        new MetricQuery(
                                List.of("nps"),
                                List.of("region"),
                                List.of(),
                                FROM,
                                TO,
                                List.of(new Order("revenue", Direction.DESC)),
                                null,
                                null),
                        "orderBy[0].field",
                        "'revenue' is not a column of the result; order by one of [region, nps, small_sample]"),
                Arguments.of(
                        new MetricQuery(
                                List.of("nps"),
                                List.of("month"),
                                List.of(),
                                FROM,
                                TO,
                                List.of(),
                                null,
                                Comparison.PREVIOUS_PERIOD),
                        "compareTo",
                        "previous_period cannot be matched period by period with "
                                + "the time dimension 'month'; use previous_year or drop the time dimension"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("refused")
    void refusesNamingTheField(MetricQuery query, String field, String message) {
        assertThatThrownBy(() -> Request.validate(query, CATALOGUE, 10_000))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field));
    }

    @Test
    void fiftyFiltersOfAThousandValuesAreTheDefaultBounds() {
        List<String> thousand =
                java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "c" + i).toList();
        Request request = Request.validate(
                with(Collections.nCopies(50, new Filter("city", Op.IN, thousand))),
                CATALOGUE,
                MetricsSettings.defaults().bounds());
        assertThat(request.filters()).hasSize(50);
    }

    @Test
    void theFilterBoundsAreThoseConfigured() {
        Request.Bounds bounds = new Request.Bounds(10_000, 2, 3);
        Filter three = new Filter("region", Op.IN, List.of("华东", "华南", "华北"));
        assertThat(Request.validate(with(List.of(three, three)), CATALOGUE, bounds)
                        .filters())
                .hasSize(2);
        assertThatThrownBy(() -> Request.validate(with(List.of(three, three, three)), CATALOGUE, bounds))
                .hasMessage("3 filters; at most 2 per request (pulse.metrics.max-filters)")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("filters"));
        Filter four = new Filter("region", Op.IN, List.of("华东", "华南", "华北", "西南"));
        assertThatThrownBy(() -> Request.validate(with(List.of(four)), CATALOGUE, bounds))
                .hasMessage("4 values; at most 3 per filter (pulse.metrics.max-filter-values)")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("filters[0].values"));
    }

    @Test
    void acceptsAFullRequestAndDerivesItsColumnsAndPeriods() {
        MetricQuery query = new MetricQuery(
                List.of("nps", "csat_top2_pct", "orders"),
                List.of("region", "month"),
                List.of(new Filter("region", Op.IN, List.of("华东", "华南"))),
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2026, 7, 1),
                List.of(new Order("nps_significant", null)),
                500,
                Comparison.PREVIOUS_YEAR);
        Request request = Request.validate(query, CATALOGUE, 10_000);
        assertThat(Request.columns(request.dimensions(), request.metrics(), request.compareTo()))
                .containsExactly(
                        "region",
                        "month",
                        "nps",
                        "csat_top2_pct",
                        "orders",
                        "nps_compare",
                        "nps_significant",
                        "csat_top2_pct_compare",
                        "csat_top2_pct_significant",
                        "orders_compare",
                        "small_sample");
        assertThat(request.orderBy()).containsExactly(new Order("nps_significant", Direction.ASC));
        assertThat(request.limit()).isEqualTo(500);
        assertThat(request.grain()).isEqualTo(TimeGrain.MONTH);
        assertThat(request.comparisonRange()).containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 7, 1));
        assertThat(request.components())
                .containsExactlyInAnyOrder(
                        Component.NPS_N,
                        Component.PROMOTERS,
                        Component.DETRACTORS,
                        Component.CSAT_N,
                        Component.CSAT_TOP2,
                        Component.ORDERS);
    }

    @Test
    void thePreviousPeriodHasTheSameLengthAndEndsWhereTheRangeStarts() {
        Request request = Request.validate(
                new MetricQuery(
                        List.of("revenue"),
                        List.of(),
                        List.of(),
                        LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 4, 1),
                        List.of(),
                        null,
                        Comparison.PREVIOUS_PERIOD),
                CATALOGUE,
                10_000);
        assertThat(request.comparisonRange()).containsExactly(LocalDate.of(2026, 1, 29), LocalDate.of(2026, 3, 1));
        assertThat(request.limit()).isEqualTo(1000);
    }
}
