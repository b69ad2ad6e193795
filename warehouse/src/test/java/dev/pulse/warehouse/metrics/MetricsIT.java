package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.metrics.MetricQuery.Comparison;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every metric, computed by the real embedded engine through the compiled plans, equals the
 * oracle's plain-Java answer on a seeded dataset: by region, by month, by every dimension, and under
 * every regional scope.
 */
@SpringBootTest(classes = MetricsIT.Warehouse.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
// closes the engine after the class: other ITs of this JVM may open another storage path
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MetricsIT {

    /** The warehouse beans (engine, query layer, metrics) without the web layers of other packages. */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(
            basePackages = "dev.pulse.warehouse",
            excludeFilters =
                    @ComponentScan.Filter(
                            type = FilterType.REGEX,
                            pattern = "dev\\.pulse\\.warehouse\\.(?!query\\.|metrics\\.[A-Z])[a-z].*"))
    static class Warehouse {}

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate FROM = LocalDate.of(2025, 11, 1);
    static final LocalDate TO = LocalDate.of(2026, 3, 1);
    static final Dataset DATA = Dataset.generate(20261123L);
    static final Caller NATIONAL = new Caller("executive", Role.EXECUTIVE, Scope.ALL);
    static final Catalogue CATALOGUE = Catalogue.load();

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        warehouse(registry, "pulse_metrics_it");
    }

    /** One storage path per JVM: the same as EmbeddedEngineIT, a database of the test's own. */
    static void warehouse(DynamicPropertyRegistry registry, String database) {
        registry.add(
                "pulse.warehouse.data-dir",
                () -> Path.of("target", "it-warehouse").toAbsolutePath().toString());
        registry.add("pulse.warehouse.database", () -> database);
        registry.add("pulse.warehouse.pool", () -> "4");
    }

    private static final Set<ClickHouseEngine> WRITTEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Writes {@link #DATA} through {@code engine} once per engine (one context, one database). */
    static void writeOnce(ClickHouseEngine engine, WriteWatermark watermark) {
        synchronized (WRITTEN) {
            if (WRITTEN.add(engine)) {
                DATA.writeTo(engine);
                watermark.advance();
            }
        }
    }

    @Autowired
    Metrics metrics;

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    WriteWatermark watermark;

    @BeforeEach
    void load() {
        writeOnce(engine, watermark);
    }

    static Oracle oracle(Dataset data, LocalDate from, LocalDate to) {
        return new Oracle(data, from, to, ZONE, 30, Duration.ofHours(4));
    }

    /** The metrics a request by {@code dims} may ask for; the cohort metrics have a test of their own (CohortRetentionIT). */
    static List<String> sliceableBy(List<String> dims) {
        return CATALOGUE.metrics().values().stream()
                .filter(m -> !m.sources().contains(Source.COHORTS))
                .filter(m -> dims.stream().allMatch(d -> CATALOGUE.sliceable(m, d)))
                .map(Catalogue.Metric::name)
                .sorted()
                .toList();
    }

    @Test
    void everyMetricByRegionMatchesTheOracle() {
        List<String> all = sliceableBy(List.of("region"));
        assertThat(all).hasSize(31);
        MetricResult result = runAll(all, List.of("region"), NATIONAL, oracle(DATA, FROM, TO));
        assertThat(result.rows()).hasSize(8); // seven regions and the national campaigns
    }

    @Test
    void everyMetricWithATimeByMonthMatchesTheOracle() {
        List<String> monthly = sliceableBy(List.of("month"));
        assertThat(monthly)
                .contains("churn_rate_pct")
                .doesNotContain("rfm_customers")
                .hasSize(30);
        MetricResult result = runAll(monthly, List.of("month"), NATIONAL, oracle(DATA, FROM, TO));
        assertThat(result.rows())
                .extracting(r -> r.getFirst())
                .startsWith(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 1));
    }

    static Stream<String> dimensions() {
        return CATALOGUE.dimensions().keySet().stream()
                .filter(d -> !sliceableBy(List.of(d)).isEmpty())
                .sorted();
    }

    @ParameterizedTest(name = "by {0}")
    @MethodSource("dimensions")
    void everyMetricByEveryDimensionMatchesTheOracle(String dimension) {
        runAll(sliceableBy(List.of(dimension)), List.of(dimension), NATIONAL, oracle(DATA, FROM, TO));
    }

    @ParameterizedTest(name = "by {0}")
    @MethodSource("themeShapes")
    void everyMetricByRegionAndThemeOrScoreMatchesTheOracle(List<String> dims) {
        runAll(sliceableBy(dims), dims, NATIONAL, oracle(DATA, FROM, TO));
    }

    static Stream<List<String>> themeShapes() {
        return Stream.of(
                List.of("region", "theme"),
                List.of("theme", "region"),
                List.of("region", "nps_group"),
                List.of("region", "nps_score"),
                List.of("segment", "theme", "month"));
    }

    static Stream<Arguments> regionsAndShapes() {
        List<Arguments> out = new ArrayList<>();
        for (String region : Dataset.REGIONS) {
            out.add(Arguments.of(region, List.of()));
            out.add(Arguments.of(region, List.of("region", "month")));
            out.add(Arguments.of(region, List.of("province", "segment")));
            out.add(Arguments.of(region, List.of("theme", "nps_group")));
            dimensions().forEach(d -> out.add(Arguments.of(region, List.of(d))));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("regionsAndShapes")
    void aRegionalManagerSeesExactlyTheOracleOfTheirRegion(String region, List<String> dims) {
        Caller manager = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of(region)));
        runAll(sliceableBy(dims), dims, manager, oracle(DATA.in(region), FROM, TO));
    }

    @Test
    void aRegionFilterCannotWidenAScope() {
        Caller manager = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
        MetricQuery query = new MetricQuery(
                List.of("orders", "nps"),
                List.of("region"),
                List.of(new MetricQuery.Filter("region", MetricQuery.Op.IN, List.of("华南", "华东"))),
                FROM,
                TO,
                List.of(),
                null,
                null);
        MetricResult result = metrics.run(query, manager);
        assertThat(result.rows()).extracting(r -> r.getFirst()).containsExactly("华东");
    }

    @Test
    void filtersOrderAndLimit() {
        MetricQuery query = new MetricQuery(
                List.of("revenue", "orders"),
                List.of("channel"),
                List.of(
                        new MetricQuery.Filter("channel", MetricQuery.Op.NOT_IN, List.of("phone")),
                        new MetricQuery.Filter("product_category", MetricQuery.Op.EQ, List.of("数码"))),
                FROM,
                TO,
                List.of(new MetricQuery.Order("revenue", MetricQuery.Direction.DESC)),
                3,
                null);
        MetricResult result = metrics.run(query, NATIONAL);
        List<Dataset.Tx> digital = DATA.transactions().stream()
                .filter(t -> t.category().equals("数码"))
                .toList();
        Dataset only = new Dataset(DATA.customers(), digital, List.of(), List.of(), List.of(), List.of());
        var expected = oracle(only, FROM, TO).expect(List.of("revenue", "orders"), List.of("channel"));
        expected.remove(List.of("phone"));
        List<List<Object>> top = expected.entrySet().stream()
                .sorted((a, b) -> Double.compare((Double) b.getValue().get("revenue"), (Double)
                        a.getValue().get("revenue")))
                .limit(3)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(result.rows()).hasSize(3);
        assertThat(result.rows().stream().map(r -> List.of(r.getFirst())).toList())
                .isEqualTo(top);
        for (List<Object> row : result.rows()) {
            assertThat(((BigDecimal) row.get(1)).doubleValue())
                    .isCloseTo((Double) expected.get(List.of(row.getFirst())).get("revenue"), within(0.01));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regionNames")
    void topThemesAmongDetractorsOfARegionAreOneRequest(String region) {
        MetricQuery query = new MetricQuery(
                List.of("responses"),
                List.of("theme"),
                List.of(
                        new MetricQuery.Filter("region", MetricQuery.Op.EQ, List.of(region)),
                        new MetricQuery.Filter("nps_group", MetricQuery.Op.EQ, List.of("detractor"))),
                FROM,
                TO,
                List.of(new MetricQuery.Order("responses", MetricQuery.Direction.DESC)),
                3,
                null);
        MetricResult result = metrics.run(query, NATIONAL, java.util.Locale.ENGLISH);
        Dataset detractors = surveysOnly(DATA.in(region), s -> s.nps() != null && s.nps() <= 6);
        var expected = oracle(detractors, FROM, TO).expect(List.of("responses"), List.of("theme"));
        List<Long> top = expected.values().stream()
                .map(v -> (Long) v.get("responses"))
                .sorted(java.util.Comparator.reverseOrder())
                .limit(3)
                .toList();
        assertThat(result.rows()).extracting(r -> (Long) r.get(1)).isEqualTo(top);
        for (List<Object> row : result.rows()) {
            assertThat(row.get(1))
                    .as("%s", row.getFirst())
                    .isEqualTo(expected.get(List.of(row.getFirst())).get("responses"));
        }
        // the same request by a manager of the region: the same rows, without a region filter
        Caller manager = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of(region)));
        MetricQuery unfiltered = new MetricQuery(
                query.metrics(), query.dimensions(), query.filters().subList(1, 2), FROM, TO, query.orderBy(), 3, null);
        assertThat(metrics.run(unfiltered, manager).rows())
                .extracting(r -> r.get(1))
                .isEqualTo(top);
        assertThat(result.columns().getFirst().values())
                .containsEntry("delivery", "Delivery")
                .hasSize(6);
    }

    static Stream<String> regionNames() {
        return Dataset.REGIONS.stream();
    }

    @Test
    void aThemeFilterKeepsEachRowOnceAndRestrictsTheThemeCells() {
        MetricQuery.Filter deliveryOrPrice =
                new MetricQuery.Filter("theme", MetricQuery.Op.IN, List.of("delivery", "price"));
        MetricResult byRegion = metrics.run(
                new MetricQuery(
                        List.of("nps", "responses"),
                        List.of("region"),
                        List.of(deliveryOrPrice),
                        FROM,
                        TO,
                        List.of(),
                        null,
                        null),
                NATIONAL);
        Dataset either = surveysOnly(
                DATA, s -> s.themes().contains("delivery") || s.themes().contains("price"));
        assertMatches(
                byRegion,
                oracle(either, FROM, TO).expect(List.of("nps", "responses"), List.of("region")),
                List.of("region"),
                List.of("nps", "responses"));
        MetricResult notDelivery = metrics.run(
                new MetricQuery(
                        List.of("responses"),
                        List.of("region"),
                        List.of(new MetricQuery.Filter("theme", MetricQuery.Op.NE, List.of("delivery"))),
                        FROM,
                        TO,
                        List.of(),
                        null,
                        null),
                NATIONAL);
        Dataset without = surveysOnly(DATA, s -> !s.themes().contains("delivery"));
        assertMatches(
                notDelivery,
                oracle(without, FROM, TO).expect(List.of("responses"), List.of("region")),
                List.of("region"),
                List.of("responses"));
        MetricResult byTheme = metrics.run(
                new MetricQuery(
                        List.of("responses", "csat_avg"),
                        List.of("theme"),
                        List.of(deliveryOrPrice),
                        FROM,
                        TO,
                        List.of(),
                        null,
                        null),
                NATIONAL);
        var allThemes = oracle(DATA, FROM, TO).expect(List.of("responses", "csat_avg"), List.of("theme"));
        allThemes.keySet().retainAll(List.of(List.of("delivery"), List.of("price")));
        assertMatches(byTheme, allThemes, List.of("theme"), List.of("responses", "csat_avg"));
        assertThat(byTheme.rows()).extracting(r -> r.getFirst()).containsExactly("delivery", "price");
    }

    @Test
    void feedbackIsCountedByThemeAndCategory() {
        List<String> names = List.of("feedback", "complaints");
        MetricResult result =
                metrics.run(MetricQuery.of(names, List.of("theme", "feedback_category"), FROM, TO), NATIONAL);
        assertMatches(
                result,
                oracle(DATA, FROM, TO).expect(names, List.of("theme", "feedback_category")),
                List.of("theme", "feedback_category"),
                names);
        assertThat(result.rows()).hasSize(24);
    }

    @Test
    void theScoreDistributionAddsUpToTheResponses() {
        MetricResult byScore = metrics.run(
                new MetricQuery(
                        List.of("responses"),
                        List.of("nps_score", "nps_group"),
                        List.of(new MetricQuery.Filter("region", MetricQuery.Op.EQ, List.of("华东"))),
                        FROM,
                        TO,
                        List.of(),
                        null,
                        null),
                NATIONAL);
        assertThat(byScore.columns().getFirst().type()).isEqualTo("integer");
        List<List<Object>> scored =
                byScore.rows().stream().filter(r -> r.getFirst() != null).toList();
        assertThat(scored).extracting(r -> r.getFirst()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(scored)
                .allSatisfy(r -> assertThat(r.get(1)).isEqualTo(Oracle.npsGroup(((Long) r.getFirst()).intValue())));
        // responses without a score form the last cell, with no group and no NPS response
        assertThat(byScore.rows().getLast()).containsExactly(null, null, 0L, true);
        long total = (Long) metrics.run(
                        new MetricQuery(
                                List.of("responses"),
                                List.of(),
                                List.of(new MetricQuery.Filter("region", MetricQuery.Op.EQ, List.of("华东"))),
                                FROM,
                                TO,
                                List.of(),
                                null,
                                null),
                        NATIONAL)
                .rows()
                .getFirst()
                .getFirst();
        assertThat(scored.stream().mapToLong(r -> (Long) r.get(2)).sum()).isEqualTo(total);
    }

    @Test
    void anUnknownNpsGroupIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> metrics.run(
                        new MetricQuery(
                                List.of("responses"),
                                List.of("theme"),
                                List.of(new MetricQuery.Filter("nps_group", MetricQuery.Op.EQ, List.of("detractors"))),
                                FROM,
                                TO,
                                List.of(),
                                null,
                                null),
                        NATIONAL))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field())
                .isEqualTo("filters[0].values[0]");
    }

    /** The dataset with only the survey responses that pass {@code keep}, for the oracle of a filtered request. */
    static Dataset surveysOnly(Dataset data, java.util.function.Predicate<Dataset.Survey> keep) {
        return new Dataset(
                data.customers(),
                List.of(),
                data.surveys().stream().filter(keep).toList(),
                List.of(),
                List.of(),
                List.of());
    }

    @Test
    void anRfmFilterKeepsEveryonesScore() {
        MetricQuery query = new MetricQuery(
                List.of("rfm_customers"),
                List.of("region"),
                List.of(new MetricQuery.Filter("rfm_segment", MetricQuery.Op.EQ, List.of("champions"))),
                FROM,
                TO,
                List.of(),
                null,
                null);
        MetricResult result = metrics.run(query, NATIONAL);
        var bySegment = oracle(DATA, FROM, TO).expect(List.of("rfm_customers"), List.of("region", "rfm_segment"));
        assertThat(result.rows()).hasSize(7);
        for (List<Object> row : result.rows()) {
            assertThat(row.get(1))
                    .isEqualTo(
                            bySegment.get(List.of(row.getFirst(), "champions")).get("rfm_customers"));
        }
    }

    @Test
    void comparesWithThePreviousPeriodAndTestsSignificance() {
        LocalDate from = LocalDate.of(2026, 1, 1);
        LocalDate to = LocalDate.of(2026, 3, 1);
        MetricQuery query = new MetricQuery(
                List.of("nps", "csat_top2_pct", "orders"),
                List.of("region"),
                List.of(),
                from,
                to,
                List.of(),
                null,
                Comparison.PREVIOUS_PERIOD);
        MetricResult result = metrics.run(query, NATIONAL);
        assertThat(result.columns())
                .extracting(MetricResult.Column::name)
                .containsExactly(
                        "region",
                        "nps",
                        "csat_top2_pct",
                        "orders",
                        "nps_compare",
                        "nps_significant",
                        "csat_top2_pct_compare",
                        "csat_top2_pct_significant",
                        "orders_compare",
                        "small_sample");
        LocalDate before = from.minusDays(59);
        var now = oracle(DATA, from, to).expect(query.metrics(), List.of("region"));
        var then = oracle(DATA, before, from).expect(query.metrics(), List.of("region"));
        for (List<Object> row : result.rows()) {
            List<Object> key = List.of(row.getFirst());
            assertClose(row.get(4), then.get(key).get("nps"));
            assertClose(row.get(6), then.get(key).get("csat_top2_pct"));
            assertThat(row.get(8)).isEqualTo(then.get(key).get("orders"));
            String region = (String) row.getFirst();
            assertThat(row.get(5))
                    .as("nps significant in %s", region)
                    .isEqualTo(npsSignificant(region, from, to, before));
        }
    }

    /** The two-sample z-test on the +1/0/−1 NPS variable, written out from the responses. */
    private static boolean npsSignificant(String region, LocalDate from, LocalDate to, LocalDate before) {
        double[] a = npsMoments(region, from, to);
        double[] b = npsMoments(region, before, from);
        double z = (a[0] - b[0]) / Math.sqrt(a[1] / a[2] + b[1] / b[2]);
        return Math.abs(z) > 1.959964;
    }

    private static double[] npsMoments(String region, LocalDate from, LocalDate to) {
        List<Integer> values = DATA.surveys().stream()
                .filter(s -> s.region().equals(region) && s.nps() != null)
                .filter(s -> {
                    LocalDate d = LocalDate.ofInstant(s.ts(), ZONE);
                    return !d.isBefore(from) && d.isBefore(to);
                })
                .map(s -> s.nps() >= 9 ? 1 : s.nps() <= 6 ? -1 : 0)
                .toList();
        double mean = values.stream().mapToInt(Integer::intValue).average().orElseThrow();
        double variance =
                values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
        return new double[] {mean, variance, values.size()};
    }

    @Test
    void comparesMonthsWithTheSameMonthOfThePreviousYear() {
        MetricQuery query = new MetricQuery(
                List.of("orders"),
                List.of("month"),
                List.of(),
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 4, 1),
                List.of(),
                null,
                Comparison.PREVIOUS_YEAR);
        MetricResult result = metrics.run(query, NATIONAL);
        // the data starts in July 2025: no orders a year before
        assertThat(result.rows()).extracting(r -> r.get(2)).containsOnly(0L);
        assertThat(result.rows())
                .extracting(r -> r.getFirst())
                .containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1));
    }

    @Test
    void flagsCellsResting0nFewResponses() {
        MetricQuery query =
                MetricQuery.of(List.of("nps"), List.of("day"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 8));
        MetricResult byDay = metrics.run(query, NATIONAL);
        assertThat(byDay.columns().getLast().name()).isEqualTo("small_sample");
        assertThat(byDay.rows()).allSatisfy(r -> assertThat(r.getLast()).isEqualTo(true));
        MetricResult byRegion =
                metrics.run(MetricQuery.of(List.of("responses"), List.of("region"), FROM, TO), NATIONAL);
        assertThat(byRegion.rows()).allSatisfy(r -> assertThat(r.getLast()).isEqualTo(((Long) r.get(1)) < 30));
        assertThat(byRegion.rows()).anySatisfy(r -> assertThat(r.getLast()).isEqualTo(false));
    }

    @Test
    void cachesResultsUntilTheNextWrite() {
        MetricQuery query = MetricQuery.of(List.of("complaints"), List.of("feedback_category"), FROM, TO);
        MetricResult first = metrics.run(query, NATIONAL);
        MetricResult second = metrics.run(query, NATIONAL);
        assertThat(second.meta().cached()).isTrue();
        assertThat(second.rows()).isEqualTo(first.rows());
        MetricResult otherScope = metrics.run(query, new Caller("m", Role.REGIONAL_MANAGER, Scope.of(Set.of("华北"))));
        assertThat(otherScope.meta().cached()).isFalse();
        watermark.advance();
        assertThat(metrics.run(query, NATIONAL).meta().cached()).isFalse();
    }

    @Test
    void aMetricThatCannotBeSlicedSaysSo() {
        assertThatThrownBy(() ->
                        metrics.run(MetricQuery.of(List.of("nps", "revenue"), List.of("survey"), FROM, TO), NATIONAL))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("metric 'revenue' cannot be sliced by dimension 'survey'")
                .extracting(e -> ((InvalidFieldException) e).field())
                .isEqualTo("dimensions[0]");
    }

    /**
     * Runs the metrics in as few requests as {@link Request#MAX_METRICS} allows, checks each against the oracle and
     * answers the first.
     */
    MetricResult runAll(List<String> names, List<String> dims, Caller caller, Oracle oracle) {
        MetricResult first = null;
        for (int i = 0; i < names.size(); i += Request.MAX_METRICS) {
            List<String> part = names.subList(i, Math.min(names.size(), i + Request.MAX_METRICS));
            MetricResult result = metrics.run(MetricQuery.of(part, dims, FROM, TO), caller);
            assertMatches(result, oracle.expect(part, dims), dims, part);
            first = first == null ? result : first;
        }
        return first;
    }

    static void assertMatches(
            MetricResult result,
            Map<List<Object>, Map<String, Object>> expected,
            List<String> dims,
            List<String> names) {
        assertThat(result.rows()).as("cells").hasSize(expected.size());
        for (List<Object> row : result.rows()) {
            List<Object> key = row.subList(0, dims.size());
            Map<String, Object> values = expected.get(key);
            assertThat(values).as("cell %s is expected", key).isNotNull();
            for (String name : names) {
                Object actual = row.get(result.indexOf(name));
                Object want = values.get(name);
                if (want instanceof Long) {
                    assertThat(actual).as("%s at %s", name, key).isEqualTo(want);
                } else {
                    assertClose(actual, want, name + " at " + key);
                }
            }
        }
    }

    static void assertClose(Object actual, Object expected) {
        assertClose(actual, expected, "value");
    }

    static void assertClose(Object actual, Object expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isInstanceOf(BigDecimal.class);
            assertThat(((BigDecimal) actual).doubleValue()).as(what).isCloseTo((Double) expected, within(0.01));
        }
    }
}
