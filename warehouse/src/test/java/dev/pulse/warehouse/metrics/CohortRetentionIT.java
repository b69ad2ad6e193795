package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WriteWatermark;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cohort retention ({@code cohort_customers}, {@code retained_customers}, {@code retention_pct} by
 * {@code cohort_month} and {@code months_since}) computed by the engine equals the oracle's plain-Java
 * count on the seeded dataset, nationally, by region and under every regional scope.
 */
@SpringBootTest(classes = MetricsIT.Warehouse.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CohortRetentionIT {

    static final List<String> METRICS = List.of("cohort_customers", "retained_customers", "retention_pct");
    static final List<String> HEATMAP = List.of("cohort_month", "months_since");

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        MetricsIT.warehouse(registry, "pulse_cohorts_it");
    }

    @Autowired
    Metrics metrics;

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    WriteWatermark watermark;

    @BeforeEach
    void load() {
        MetricsIT.writeOnce(engine, watermark);
    }

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (List<String> dims : List.of(
                HEATMAP,
                List.of("region", "cohort_month", "months_since"),
                List.of("months_since"),
                List.of("segment", "months_since"),
                List.of("cohort_month"),
                List.of("province"))) {
            out.add(Arguments.of("national", dims));
            for (String region : Dataset.REGIONS) {
                out.add(Arguments.of(region, dims));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("shapes")
    void retentionMatchesTheOracle(String scope, List<String> dims) {
        Caller caller = scope.equals("national")
                ? MetricsIT.NATIONAL
                : new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of(scope)));
        Dataset data = scope.equals("national") ? MetricsIT.DATA : MetricsIT.DATA.in(scope);
        List<String> names = dims.contains("months_since") ? METRICS : List.of("cohort_customers");
        MetricResult result = metrics.run(MetricQuery.of(names, dims, MetricsIT.FROM, MetricsIT.TO), caller);
        MetricsIT.assertMatches(
                result, MetricsIT.oracle(data, MetricsIT.FROM, MetricsIT.TO).expect(names, dims), dims, names);
        assertThat(result.rows()).isNotEmpty();
    }

    @Test
    void theHeatmapHasACellForEveryMonthSinceEachSignupMonthUpToTheRangesEnd() {
        MetricResult result =
                metrics.run(MetricQuery.of(METRICS, HEATMAP, MetricsIT.FROM, MetricsIT.TO), MetricsIT.NATIONAL);
        assertThat(result.columns())
                .extracting(MetricResult.Column::type)
                .containsExactly("date", "integer", "integer", "integer", "decimal");
        // November to February: 4 cohorts observed for 4, 3, 2 and 1 months
        assertThat(result.rows())
                .extracting(r -> List.of(r.get(0), r.get(1)))
                .containsExactly(
                        List.of(LocalDate.of(2025, 11, 1), 0L),
                        List.of(LocalDate.of(2025, 11, 1), 1L),
                        List.of(LocalDate.of(2025, 11, 1), 2L),
                        List.of(LocalDate.of(2025, 11, 1), 3L),
                        List.of(LocalDate.of(2025, 12, 1), 0L),
                        List.of(LocalDate.of(2025, 12, 1), 1L),
                        List.of(LocalDate.of(2025, 12, 1), 2L),
                        List.of(LocalDate.of(2026, 1, 1), 0L),
                        List.of(LocalDate.of(2026, 1, 1), 1L),
                        List.of(LocalDate.of(2026, 2, 1), 0L));
        // a cohort's size is the same in every month since; retention is a share of it
        for (List<Object> row : result.rows()) {
            long size = (Long) row.get(2);
            long retained = (Long) row.get(3);
            assertThat(retained).isBetween(0L, size);
            assertThat((BigDecimal) row.get(4))
                    .isEqualByComparingTo(
                            BigDecimal.valueOf(100.0 * retained / size).setScale(2, java.math.RoundingMode.HALF_UP));
        }
        assertThat(result.rows()).anySatisfy(r -> assertThat((Long) r.get(3)).isPositive());
    }

    @Test
    void aSegmentFilterKeepsTheCohortsCustomersOfThatSegment() {
        MetricQuery query = new MetricQuery(
                METRICS,
                HEATMAP,
                List.of(new MetricQuery.Filter("segment", MetricQuery.Op.EQ, List.of("大客户"))),
                MetricsIT.FROM,
                MetricsIT.TO,
                List.of(),
                null,
                null);
        List<Dataset.Customer> large = MetricsIT.DATA.customers().stream()
                .filter(c -> c.segment().equals("大客户"))
                .toList();
        Set<String> ids =
                new java.util.HashSet<>(large.stream().map(Dataset.Customer::id).toList());
        Dataset only = new Dataset(
                large,
                MetricsIT.DATA.transactions().stream()
                        .filter(t -> ids.contains(t.customerId()))
                        .toList(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        MetricResult result = metrics.run(query, MetricsIT.NATIONAL);
        assertThat(result.rows()).isNotEmpty();
        MetricsIT.assertMatches(
                result,
                MetricsIT.oracle(only, MetricsIT.FROM, MetricsIT.TO).expect(METRICS, HEATMAP),
                HEATMAP,
                METRICS);
    }

    @Test
    void aRegionFilterCannotWidenAScope() {
        Caller manager = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
        MetricQuery query = new MetricQuery(
                METRICS,
                List.of("region", "months_since"),
                List.of(new MetricQuery.Filter("region", MetricQuery.Op.IN, List.of("华南", "华东"))),
                MetricsIT.FROM,
                MetricsIT.TO,
                List.of(),
                null,
                null);
        assertThat(metrics.run(query, manager).rows())
                .extracting(r -> r.getFirst())
                .containsOnly("华东");
    }
}
