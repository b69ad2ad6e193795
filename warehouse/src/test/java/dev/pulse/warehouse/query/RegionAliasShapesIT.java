package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 华东 manager's analyst SQL on every view of the catalogue, with an expression of every kind named
 * {@code region} (constant, CASE, UPPER, CAST, concatenation, window function, a renamed column,
 * aggregates) in every context (WHERE evasions, subqueries, CTEs, UNION ALL, self and cross-view joins,
 * GROUP BY, HAVING, ORDER BY with LIMIT): each answer is the answer of the same SQL, run for an
 * executive, on a database that holds only 华东's rows.
 */
class RegionAliasShapesIT {

    static final String EAST = "华东";
    static final Caller MANAGER = new Caller("east", Role.REGIONAL_MANAGER, Scope.of(Set.of(EAST)));
    static final Caller EXECUTIVE = new Caller("ceo", Role.EXECUTIVE, Scope.ALL);

    /** A key column of every view; a view the catalogue gains without a key here fails {@link #everyViewIsCovered}. */
    static final Map<String, String> KEYS = Map.of(
            "customers",
            "customer_id",
            "transactions",
            "event_id",
            "survey_responses",
            "event_id",
            "feedback",
            "event_id",
            "follow_up_cases",
            "case_id",
            "campaigns",
            "campaign_id",
            "survey_invitations",
            "event_id");

    /** Row-level expressions aliased region; {@code {k}} is the view's key and {@code {r}} its region, qualified in joins. */
    static final Map<String, String> ROW_ALIASES = Map.of(
            "constant", "'华东'",
            "case", "CASE WHEN {k} IS NOT NULL THEN '华东' ELSE {r} END",
            "upper", "UPPER('华东')",
            "cast", "CAST('华东' AS VARCHAR(20))",
            "concat", "'华' || '东'",
            "window", "ROW_NUMBER() OVER (ORDER BY {k})",
            "window count", "COUNT(*) OVER (PARTITION BY {r})",
            "renamed column", "{k}");

    /** Where the row-level alias stands; {@code {e}} is the aliased expression, {@code {e:a}} the same qualified by a. */
    static final Map<String, String> ROW_CONTEXTS = Map.ofEntries(
            Map.entry("plain", "SELECT {k}, {e} AS region FROM {v}"),
            Map.entry("where 1=1 or", "SELECT {k}, {e} AS region FROM {v} WHERE 1=1 OR region <> '华东'"),
            Map.entry("where region =", "SELECT {k}, {e} AS region FROM {v} WHERE region = '华东' OR {k} IS NOT NULL"),
            Map.entry(
                    "subquery",
                    "SELECT x.{k}, x.region FROM (SELECT {k}, {e} AS region FROM {v}) AS x WHERE x.region IS NOT NULL OR 1=1"),
            Map.entry("cte", "WITH x AS (SELECT {k}, {e} AS region FROM {v}) SELECT {k}, region FROM x"),
            Map.entry(
                    "cte named like the view",
                    "WITH {v} AS (SELECT {k}, {e} AS region FROM {v}) SELECT {k}, region FROM {v}"),
            Map.entry(
                    "union all",
                    "SELECT {k}, {e} AS region FROM {v} UNION ALL SELECT {k}, {e} AS region FROM {v} WHERE 1=1 OR region <> '华东'"),
            Map.entry("self join", "SELECT a.{k}, {e:a} AS region FROM {v} a JOIN {v} b ON a.{k} = b.{k}"),
            Map.entry(
                    "cross-view join on region",
                    "SELECT a.{k}, c.n, {e:a} AS region FROM {v} a "
                            + "JOIN (SELECT region, COUNT(*) AS n FROM customers GROUP BY region) AS c ON a.region = c.region"),
            Map.entry(
                    "in subquery",
                    "SELECT {k}, {e} AS region FROM {v} WHERE {k} IN (SELECT {k} FROM {v} WHERE 1=1 OR region <> '华东')"),
            Map.entry(
                    "group by the alias",
                    "SELECT region, COUNT(*) AS n FROM (SELECT {k}, {e} AS region FROM {v}) AS x GROUP BY region"),
            Map.entry(
                    "group by, having, order by",
                    "SELECT region, COUNT(*) AS n, MIN({k}) AS first FROM (SELECT {k}, {e} AS region FROM {v}) AS x "
                            + "GROUP BY region HAVING COUNT(*) > 0 ORDER BY region"),
            Map.entry("order by limit", "SELECT {k}, {e} AS region FROM {v} ORDER BY {k} DESC LIMIT 3"));

    /** Aggregates aliased region. */
    static final Map<String, String> AGGREGATE_ALIASES = Map.of(
            "count", "COUNT(*)",
            "max region with count", "MAX({r}) || CAST(COUNT(*) AS VARCHAR(20))",
            "sum of key lengths", "SUM(CHAR_LENGTH({k}))");

    /** Where the aggregate alias stands. */
    static final Map<String, String> AGGREGATE_CONTEXTS = Map.of(
            "alone", "SELECT {e} AS region, COUNT(*) AS n FROM {v}",
            "where 1=1 or", "SELECT {e} AS region, COUNT(*) AS n FROM {v} WHERE 1=1 OR region <> '华东'",
            "group by key", "SELECT {e} AS region, {k} FROM {v} GROUP BY {k}",
            "having", "SELECT {e} AS region FROM {v} HAVING COUNT(*) > 0",
            "union all", "SELECT {e} AS region FROM {v} UNION ALL SELECT {e} AS region FROM {v} WHERE region <> '华东'",
            "subquery", "SELECT region FROM (SELECT {e} AS region FROM {v}) AS x",
            "cte", "WITH x AS (SELECT {e} AS region FROM {v}) SELECT region FROM x",
            "self join", "SELECT {e:a} AS region FROM {v} a JOIN {v} b ON a.{k} = b.{k}",
            "scalar subquery", "SELECT (SELECT {e} FROM {v}) AS region, {k} FROM {v}");

    static SeededWarehouse all;
    static SeededWarehouse east;

    @BeforeAll
    static void seed() {
        all = new SeededWarehouse();
        east = SeededWarehouse.onlyRegion("pulse_query_east_it", EAST);
    }

    @AfterAll
    static void close() {
        east.close();
        all.close();
    }

    @org.junit.jupiter.api.Test
    void everyViewIsCovered() {
        assertThat(KEYS.keySet()).containsExactlyInAnyOrderElementsOf(WarehouseCatalog.views());
    }

    /** The oracle database holds 华东's rows, and the shared one more than those, in every view. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void theOracleHoldsExactlyTheEastRows(String view) {
        long expected = switch (view) {
            case "customers" -> east.customers.size();
            case "transactions" -> east.transactions.size();
            case "survey_responses" -> east.responses.size();
            case "feedback" -> east.feedback.size();
            case "follow_up_cases" ->
                east.caseEvents.stream()
                        .map(SeededWarehouse.CaseEvent::caseId)
                        .distinct()
                        .count();
            case "campaigns" -> east.campaigns.size();
            case "survey_invitations" -> east.invitations.size();
            default -> throw new IllegalArgumentException("no oracle for " + view);
        };
        String sql = "SELECT COUNT(*) FROM " + view;

        assertThat(count(east.analystSql.run(sql, EXECUTIVE)))
                .isEqualTo(expected)
                .isPositive();
        assertThat(count(all.analystSql.run(sql, MANAGER))).isEqualTo(expected);
        assertThat(count(all.analystSql.run(sql, EXECUTIVE))).isGreaterThan(expected);
    }

    static Stream<String> views() {
        return WarehouseCatalog.views().stream().sorted();
    }

    static Stream<Arguments> rowShapes() {
        return views().flatMap(v -> ROW_CONTEXTS.entrySet().stream()
                .flatMap(c -> ROW_ALIASES.entrySet().stream()
                        .map(a ->
                                Arguments.of(v, c.getKey() + " / " + a.getKey(), sql(c.getValue(), a.getValue(), v)))));
    }

    static Stream<Arguments> aggregateShapes() {
        return views().flatMap(v -> AGGREGATE_CONTEXTS.entrySet().stream()
                .flatMap(c -> AGGREGATE_ALIASES.entrySet().stream()
                        .map(a ->
                                Arguments.of(v, c.getKey() + " / " + a.getKey(), sql(c.getValue(), a.getValue(), v)))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rowShapes")
    void aRowLevelAliasNamedRegionSeesOnlyTheEast(String view, String shape, String sql) {
        assertOnlyTheEast(sql);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("aggregateShapes")
    void anAggregateNamedRegionCountsOnlyTheEast(String view, String shape, String sql) {
        assertOnlyTheEast(sql);
    }

    /**
     * The manager's answer is the executive's on 华东's rows alone, and differs from the executive's on
     * every region (otherwise the shape could not show a leak).
     */
    static void assertOnlyTheEast(String sql) {
        Answers.Outcome managerRun = Answers.run(all.analystSql, sql, MANAGER);
        Answers.Outcome oracleRun = Answers.run(east.analystSql, sql, EXECUTIVE);
        if (oracleRun.error() != null) {
            // the engine cannot run it (an aggregate alias that ClickHouse reads in WHERE): then neither may the
            // manager
            assertThat(managerRun.error()).as(sql).isEqualTo(oracleRun.error());
            return;
        }
        assertThat(managerRun.error()).as(sql).isNull();
        List<List<Object>> manager = managerRun.rows();
        List<List<Object>> oracle = oracleRun.rows();
        List<List<Object>> everyRegion = Answers.of(all.analystSql.run(sql, EXECUTIVE));

        if (Answers.ordered(sql)) {
            assertThat(manager).as(sql).isEqualTo(oracle);
        } else {
            assertThat(manager).as(sql).containsExactlyInAnyOrderElementsOf(oracle);
        }
        assertThat(Answers.sorted(everyRegion))
                .as("every region's answer to %s", sql)
                .isNotEqualTo(Answers.sorted(oracle));
    }

    static String sql(String context, String alias, String view) {
        String key = KEYS.get(view);
        String qualified = alias.replace("{k}", "a." + key).replace("{r}", "a.region");
        String plain = alias.replace("{k}", key).replace("{r}", "region");
        return context.replace("{e:a}", qualified)
                .replace("{e}", plain)
                .replace("{k}", key)
                .replace("{v}", view);
    }

    private static long count(AnalystSqlResult result) {
        return ((Number) result.rows().getFirst().getFirst()).longValue();
    }
}
