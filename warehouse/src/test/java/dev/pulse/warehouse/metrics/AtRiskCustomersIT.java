package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WriteWatermark;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
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
 * The at-risk list computed by the engine and the service equals the oracle's plain-Java list on the
 * seeded dataset, nationally and under every regional scope, with filters applied after scoring; bad
 * requests name their field.
 */
@SpringBootTest(classes = MetricsIT.Warehouse.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AtRiskCustomersIT {

    static final LocalDate FROM = MetricsIT.FROM;
    static final LocalDate TO = MetricsIT.TO;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        MetricsIT.warehouse(registry, "pulse_at_risk_it");
    }

    @Autowired
    AtRiskCustomers atRisk;

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    WriteWatermark watermark;

    @BeforeEach
    void load() {
        MetricsIT.writeOnce(engine, watermark);
    }

    static AtRiskQuery query(List<String> regions, List<String> segments, List<String> channels, Integer limit) {
        return new AtRiskQuery(FROM, TO, regions, segments, channels, limit);
    }

    static List<List<Object>> expected(Dataset data) {
        return MetricsIT.oracle(data, FROM, TO).atRisk();
    }

    @Test
    void theNationalListIsTheOraclesMostValuableFirst() {
        MetricResult result = atRisk.list(
                query(List.of(), List.of(), List.of(), 1000), MetricsIT.NATIONAL, Locale.SIMPLIFIED_CHINESE);
        List<List<Object>> expected = expected(MetricsIT.DATA);
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(result.rows()).isEqualTo(expected);
        assertThat(result.columns())
                .extracting(MetricResult.Column::name)
                .containsExactly(
                        "customer_id",
                        "name",
                        "region",
                        "province",
                        "segment",
                        "last_purchase",
                        "orders",
                        "revenue",
                        "rfm_segment",
                        "monetary_score",
                        "latest_nps",
                        "latest_nps_date",
                        "reason");
        assertThat(result.columns().get(1).label()).isEqualTo("客户名称");
        // both reasons occur, and Chinese names come back intact
        assertThat(result.rows()).extracting(r -> r.get(12)).contains("at_risk", "detractor");
        assertThat(result.rows().getFirst().get(1))
                .isEqualTo("客户" + result.rows().getFirst().getFirst());
    }

    static Stream<String> regions() {
        return Dataset.REGIONS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regions")
    void aRegionalManagerSeesOnlyTheirRegionsCustomersScoredAsNationally(String region) {
        Caller manager = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of(region)));
        MetricResult result = atRisk.list(query(List.of(), List.of(), List.of(), 1000), manager, Locale.ENGLISH);
        assertThat(result.rows()).isNotEmpty().isEqualTo(expected(MetricsIT.DATA.in(region)));
        assertThat(result.rows()).extracting(r -> r.get(2)).containsOnly(region);
        // quintiles are taken per region, so the national list narrowed to the region is the same list
        assertThat(result.rows())
                .isEqualTo(expected(MetricsIT.DATA).stream()
                        .filter(r -> r.get(2).equals(region))
                        .toList());
    }

    @Test
    void aRegionFilterCannotWidenAScope() {
        Caller manager = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
        MetricResult result =
                atRisk.list(query(List.of("华南", "华东"), List.of(), List.of(), null), manager, Locale.ENGLISH);
        assertThat(result.rows()).isNotEmpty().extracting(r -> r.get(2)).containsOnly("华东");
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of(query(List.of("华北", "西南"), List.of(), List.of(), null), "region"),
                Arguments.of(query(List.of(), List.of("大客户"), List.of(), null), "segment"),
                Arguments.of(query(List.of(), List.of(), List.of("wechat"), null), "channel"),
                Arguments.of(query(List.of(), List.of(), List.of(), 7), "limit"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("filters")
    void filtersKeepCustomersWithoutChangingAnyonesScore(AtRiskQuery q, String what) {
        MetricResult result = atRisk.list(q, MetricsIT.NATIONAL, Locale.ENGLISH);
        Set<String> boughtThroughWechat = new java.util.HashSet<>(MetricsIT.DATA.transactions().stream()
                .filter(t -> t.channel().equals("wechat")
                        && !LocalDate.ofInstant(t.ts(), MetricsIT.ZONE).isBefore(FROM)
                        && LocalDate.ofInstant(t.ts(), MetricsIT.ZONE).isBefore(TO))
                .map(Dataset.Tx::customerId)
                .toList());
        List<List<Object>> expected = expected(MetricsIT.DATA).stream()
                .filter(r -> q.regions().isEmpty() || q.regions().contains((String) r.get(2)))
                .filter(r -> q.segments().isEmpty() || q.segments().contains((String) r.get(4)))
                .filter(r -> q.channels().isEmpty() || boughtThroughWechat.contains((String) r.get(0)))
                .limit(q.limit() == null ? 100 : q.limit())
                .toList();
        assertThat(result.rows()).isNotEmpty().isEqualTo(expected);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(
                        new AtRiskQuery(null, TO, null, null, null, null), "from", "the first day (from) is required"),
                Arguments.of(
                        new AtRiskQuery(FROM, null, null, null, null, null),
                        "to",
                        "the day after the last (to) is required"),
                Arguments.of(
                        new AtRiskQuery(FROM, FROM, null, null, null, null), "to", "to (exclusive) must be after from"),
                Arguments.of(query(List.of(), List.of(), List.of(), 0), "limit", "limit must be between 1 and 1000"),
                Arguments.of(query(List.of(), List.of(), List.of(), 1001), "limit", "limit must be between 1 and 1000"),
                Arguments.of(
                        query(List.of("x".repeat(257)), List.of(), List.of(), null),
                        "region",
                        "a value has 1 to 256 characters"),
                Arguments.of(
                        query(List.of(), List.of(" "), List.of(), null), "segment", "a value has 1 to 256 characters"),
                Arguments.of(
                        query(List.of(), List.of(), java.util.Collections.nCopies(1001, "app"), null),
                        "channel",
                        "at most 1000 values"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("refused")
    void refusesABadRequestNamingTheField(AtRiskQuery q, String field, String message) {
        assertThatThrownBy(() -> atRisk.list(q, MetricsIT.NATIONAL, Locale.ENGLISH))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo(field));
    }

    @Test
    void parametersThatAreNotDatesOrNumbersAreNamed() {
        assertThatThrownBy(() -> AtRiskQuery.parse("2026-02-30", "2026-03-01", null, null, null, null))
                .hasMessage("'2026-02-30' is not a date (yyyy-MM-dd)")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("from"));
        assertThatThrownBy(() -> AtRiskQuery.parse("2026-02-01", "2026-03-01", null, null, null, "ten"))
                .hasMessage("limit must be a whole number")
                .satisfies(e -> assertThat(((InvalidFieldException) e).field()).isEqualTo("limit"));
        assertThat(AtRiskQuery.parse("2026-02-01", " 2026-03-01", List.of("华东"), null, null, "5"))
                .isEqualTo(new AtRiskQuery(
                        LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1), List.of("华东"), List.of(), List.of(), 5));
    }
}
