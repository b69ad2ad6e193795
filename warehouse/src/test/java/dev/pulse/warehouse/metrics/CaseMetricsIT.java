package dev.pulse.warehouse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WriteWatermark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The follow-up metrics ({@code cases}, {@code cases_overdue}, {@code followup_median_hours},
 * {@code recovery_rate_pct}) computed by the engine from seeded case events and survey responses equal
 * a plain-Java oracle, by region, by month and under a regional scope.
 */
@SpringBootTest(classes = MetricsIT.Warehouse.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CaseMetricsIT {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate FROM = LocalDate.of(2025, 11, 1);
    static final LocalDate TO = LocalDate.of(2026, 3, 1);
    static final List<String> REGIONS = List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北");
    static final List<String> METRICS = List.of("cases", "cases_overdue", "followup_median_hours", "recovery_rate_pct");
    static final Duration SLA = Duration.ofHours(48);
    static final List<Case> CASES = new ArrayList<>();
    static final List<Response> RESPONSES = new ArrayList<>();
    static boolean loaded;

    /** One case as the surveys module reports it; null times did not happen. */
    record Case(
            String id,
            String region,
            String customer,
            Integer nps,
            Integer csat,
            Instant opened,
            Instant contacted,
            Instant escalated) {}

    /** A survey response that may recover a case. */
    record Response(String id, String customer, String region, Instant ts, Integer nps, Integer csat) {}

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        // the storage path of the other metric ITs in this JVM, a database of its own
        registry.add(
                "pulse.warehouse.data-dir",
                () -> Path.of("target", "engine-it").toAbsolutePath().toString());
        registry.add("pulse.warehouse.database", () -> "pulse_cases_it");
        registry.add("pulse.warehouse.pool", () -> "2");
    }

    @Autowired
    Metrics metrics;

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    WriteWatermark watermark;

    @BeforeEach
    void load() {
        synchronized (CaseMetricsIT.class) {
            if (loaded) {
                return;
            }
            generate(new Random(20261123L));
            engine.execute("TRUNCATE TABLE case_events_raw");
            engine.execute("TRUNCATE TABLE survey_responses_raw");
            StringBuilder events = new StringBuilder();
            for (Case c : CASES) {
                events.append(event(c, "opened", c.opened()));
                if (c.contacted() != null) {
                    events.append(event(c, "contacted", c.contacted()));
                }
                if (c.escalated() != null) {
                    events.append(event(c, "escalated", c.escalated()));
                }
            }
            engine.insert(
                    "case_events_raw",
                    ClickHouseEngine.InputFormat.JSON_EACH_ROW,
                    events.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder responses = new StringBuilder();
            for (Response r : RESPONSES) {
                responses.append(String.format(
                        "{\"event_id\":\"%s\",\"survey_id\":\"s\",\"customer_id\":\"%s\",\"transaction_id\":\"\","
                                + "\"ts\":\"%s\",\"region\":\"%s\",\"channel\":\"app\",\"language\":\"zh\",\"nps_score\":%s,\"csat_score\":%s,"
                                + "\"ces_score\":null,\"comment\":\"\",\"answers\":\"{}\"}%n",
                        r.id(), r.customer(), time(r.ts()), r.region(), r.nps(), r.csat()));
            }
            engine.insert(
                    "survey_responses_raw",
                    ClickHouseEngine.InputFormat.JSON_EACH_ROW,
                    responses.toString().getBytes(StandardCharsets.UTF_8));
            watermark.advance();
            loaded = true;
        }
    }

    /** 400 cases over four months; a fifth anonymous; contact after 1 to 120 hours or never; escalated when not contacted within the SLA. */
    static void generate(Random r) {
        Instant start = FROM.minusDays(10).atStartOfDay(ZONE).toInstant();
        long span = Duration.between(start, TO.plusDays(10).atStartOfDay(ZONE).toInstant())
                .toSeconds();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            customers.add("客户-" + i);
        }
        for (int i = 0; i < 400; i++) {
            Instant opened = start.plusSeconds((long) (r.nextDouble() * span));
            boolean npsCase = r.nextInt(4) > 0;
            Integer nps = npsCase ? r.nextInt(7) : null;
            Integer csat = npsCase
                    ? (r.nextBoolean() ? null : Integer.valueOf(1 + r.nextInt(5)))
                    : Integer.valueOf(1 + r.nextInt(2));
            String customer = r.nextInt(5) == 0 ? "" : customers.get(r.nextInt(customers.size()));
            Instant contacted = r.nextInt(5) == 0 ? null : opened.plusSeconds(3600L + r.nextInt(119 * 3600));
            Instant due = opened.plus(SLA);
            Instant escalated =
                    contacted == null || contacted.isAfter(due.plusSeconds(300)) ? due.plusSeconds(300) : null;
            CASES.add(new Case(
                    "case-" + i,
                    REGIONS.get(r.nextInt(REGIONS.size())),
                    customer,
                    nps,
                    csat,
                    opened,
                    contacted,
                    escalated));
        }
        for (int i = 0; i < 600; i++) {
            String customer = customers.get(r.nextInt(customers.size()));
            Instant ts = start.plusSeconds((long) (r.nextDouble() * (span + 60L * 86400)));
            Integer nps = r.nextInt(3) == 0 ? null : r.nextInt(11);
            Integer csat = nps == null || r.nextBoolean() ? 1 + r.nextInt(5) : null;
            RESPONSES.add(new Response("r-" + i, customer, REGIONS.get(r.nextInt(REGIONS.size())), ts, nps, csat));
        }
        // an anonymous response with a high score must recover no anonymous case
        RESPONSES.add(
                new Response("r-anonymous", "", "华东", TO.atStartOfDay(ZONE).toInstant(), 10, 5));
    }

    @Test
    void byRegionTheFollowUpMetricsMatchTheOracle() {
        MetricResult result = metrics.run(MetricQuery.of(METRICS, List.of("region"), FROM, TO), national());
        Map<List<Object>, Map<String, Object>> expected = expect(CASES, c -> List.of(c.region()));
        MetricsIT.assertMatches(result, expected, List.of("region"), METRICS);
        assertThat(expected).hasSize(7);
        assertThat(expected.values().stream()
                        .mapToLong(v -> (Long) v.get("cases_overdue"))
                        .sum())
                .as("the data has overdue cases")
                .isPositive();
        assertThat(expected.values().stream()
                        .filter(v -> v.get("recovery_rate_pct") != null && (Double) v.get("recovery_rate_pct") > 0))
                .as("and recovered ones")
                .isNotEmpty();
    }

    @Test
    void byMonthTheFollowUpMetricsMatchTheOracle() {
        MetricResult result = metrics.run(MetricQuery.of(METRICS, List.of("month"), FROM, TO), national());
        MetricsIT.assertMatches(
                result,
                expect(CASES, c -> List.of(LocalDate.ofInstant(c.opened(), ZONE).withDayOfMonth(1))),
                List.of("month"),
                METRICS);
        assertThat(result.rows()).hasSize(4);
    }

    @Test
    void aRegionalManagerSeesOnlyTheirRegionsCases() {
        Caller east = new Caller("east", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
        MetricResult result = metrics.run(MetricQuery.of(METRICS, List.of(), FROM, TO), east);
        List<Case> mine = CASES.stream().filter(c -> c.region().equals("华东")).toList();
        MetricsIT.assertMatches(result, expect(mine, c -> List.of()), List.of(), METRICS);
    }

    static Caller national() {
        return new Caller("quality", Role.QUALITY, Scope.ALL);
    }

    /** The oracle: cases opened in [FROM, TO), grouped by {@code key}. */
    static Map<List<Object>, Map<String, Object>> expect(List<Case> cases, Function<Case, List<Object>> key) {
        Instant from = FROM.atStartOfDay(ZONE).toInstant();
        Instant to = TO.atStartOfDay(ZONE).toInstant();
        Map<List<Object>, List<Case>> groups = cases.stream()
                .filter(c -> !c.opened().isBefore(from) && c.opened().isBefore(to))
                .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
        Map<List<Object>, Map<String, Object>> out = new HashMap<>();
        groups.forEach((k, group) -> {
            Map<String, Object> values = new HashMap<>();
            values.put("cases", (long) group.size());
            values.put(
                    "cases_overdue",
                    group.stream().filter(c -> c.escalated() != null).count());
            List<Double> hours = group.stream()
                    .filter(c -> c.contacted() != null)
                    .map(c -> Duration.between(c.opened(), c.contacted()).toSeconds() / 3600.0)
                    .sorted()
                    .toList();
            values.put("followup_median_hours", median(hours));
            List<Case> known =
                    group.stream().filter(c -> !c.customer().isEmpty()).toList();
            long recovered = known.stream().filter(CaseMetricsIT::recovered).count();
            values.put("recovery_rate_pct", known.isEmpty() ? null : 100.0 * recovered / known.size());
            out.put(k, values);
        });
        return out;
    }

    static boolean recovered(Case c) {
        return RESPONSES.stream()
                .anyMatch(r -> r.customer().equals(c.customer())
                        && r.ts().isAfter(c.opened())
                        && ((c.nps() != null && r.nps() != null && r.nps() > c.nps())
                                || (c.csat() != null && r.csat() != null && r.csat() > c.csat())));
    }

    static Double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        double h = (sorted.size() - 1) * 0.5;
        int lo = (int) Math.floor(h);
        return lo + 1 < sorted.size()
                ? sorted.get(lo) + (h - lo) * (sorted.get(lo + 1) - sorted.get(lo))
                : sorted.get(lo);
    }

    static String event(Case c, String event, Instant at) {
        return String.format(
                "{\"event_id\":\"%s-%s\",\"case_id\":\"%s\",\"event\":\"%s\",\"ts\":\"%s\",\"opened_at\":\"%s\",\"region\":\"%s\","
                        + "\"customer_id\":\"%s\",\"survey_id\":\"s\",\"nps_score\":%s,\"csat_score\":%s,\"sla_minutes\":%d}%n",
                c.id(),
                event,
                c.id(),
                event,
                time(at),
                time(c.opened()),
                c.region(),
                c.customer(),
                c.nps(),
                c.csat(),
                SLA.toMinutes());
    }

    static String time(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC)
                .format(t);
    }
}
