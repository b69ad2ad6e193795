package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.query.ClickHouseFunctions.TimeGrain;
import dev.pulse.warehouse.query.SeededWarehouse.Customer;
import dev.pulse.warehouse.query.SeededWarehouse.Transaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Row-level security on the real engine: for each region and each SQL shape that might evade the
 * region filter, a regional manager gets exactly the oracle's rows of its region.
 */
class RegionSecurityIT {

    static SeededWarehouse data;

    @BeforeAll
    static void seed() {
        data = new SeededWarehouse();
    }

    @AfterAll
    static void close() {
        data.close();
    }

    /** An analyst query and the rows it must return for one region, from the oracle. */
    record Shape(String name, String sql, Function<String, List<List<Object>>> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Shape> shapes() {
        return List.of(
                new Shape(
                        "plain",
                        "SELECT event_id FROM transactions",
                        r -> ids(tx(t -> t.region().equals(r)))),
                new Shape(
                        "or-true",
                        "SELECT event_id FROM transactions WHERE 1=1 OR region <> '华东'",
                        r -> ids(tx(t -> t.region().equals(r)))),
                new Shape(
                        "cte named like the view",
                        "WITH transactions AS (SELECT * FROM transactions WHERE region <> '华东') SELECT event_id FROM transactions",
                        r -> ids(tx(t -> t.region().equals(r) && !t.region().equals("华东")))),
                new Shape(
                        "union all",
                        "SELECT event_id FROM transactions UNION ALL SELECT event_id FROM feedback",
                        r -> Stream.concat(
                                        ids(tx(t -> t.region().equals(r))).stream(),
                                        data.feedback.stream()
                                                .filter(f -> f.region().equals(r))
                                                .map(f -> List.<Object>of(f.eventId())))
                                .toList()),
                new Shape(
                        "in subquery",
                        "SELECT customer_id FROM customers WHERE customer_id IN (SELECT customer_id FROM transactions)",
                        r -> buyersAtHome(r)),
                new Shape(
                        "exists",
                        "SELECT c.customer_id FROM customers c WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.customer_id)",
                        r -> buyersAtHome(r)),
                new Shape(
                        "scalar subquery",
                        "SELECT (SELECT count(*) FROM transactions) AS n FROM customers WHERE customer_id LIKE '%-0'",
                        r -> List.of(
                                List.of((long) tx(t -> t.region().equals(r)).size()))),
                new Shape(
                        "correlated scalar subquery",
                        "SELECT c.customer_id, (SELECT count(*) FROM transactions t WHERE t.customer_id = c.customer_id) AS n FROM customers c",
                        r -> data.customers.stream()
                                .filter(c -> c.region().equals(r))
                                .map(c -> List.<Object>of(c.id(), (long)
                                        tx(t -> t.region().equals(r)
                                                        && t.customerId().equals(c.id()))
                                                .size()))
                                .toList()),
                new Shape(
                        "not exists",
                        "SELECT c.customer_id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.customer_id = c.customer_id)",
                        r -> data.customers.stream()
                                .filter(c -> c.region().equals(r))
                                .filter(c -> !buyersAtHome(r).contains(List.<Object>of(c.id())))
                                .map(c -> List.<Object>of(c.id()))
                                .toList()),
                new Shape(
                        "derived table and intersect",
                        "SELECT event_id FROM (SELECT event_id FROM transactions INTERSECT SELECT event_id FROM transactions) AS x",
                        r -> ids(tx(t -> t.region().equals(r)))),
                new Shape(
                        "self join",
                        "SELECT a.event_id, b.event_id FROM transactions a JOIN transactions b ON a.customer_id = b.customer_id",
                        r -> selfJoin(r)),
                new Shape(
                        "quoted names",
                        "SELECT \"event_id\" FROM \"TRANSACTIONS\"",
                        r -> ids(tx(t -> t.region().equals(r)))),
                new Shape(
                        "database-qualified",
                        "SELECT event_id FROM pulse_query_it.transactions",
                        r -> ids(tx(t -> t.region().equals(r)))),
                new Shape(
                        "aggregate by region",
                        "SELECT region, count(*) FROM feedback GROUP BY region",
                        r -> List.of(List.of(
                                r,
                                data.feedback.stream()
                                        .filter(f -> f.region().equals(r))
                                        .count()))),
                new Shape(
                        "constant aliased region",
                        "SELECT customer_id, '华东' AS region FROM customers",
                        r -> data.customers.stream()
                                .filter(c -> c.region().equals(r))
                                .map(c -> List.<Object>of(c.id(), "华东"))
                                .toList()),
                new Shape(
                        "constant aliased region with aggregates",
                        "SELECT '华东' AS region, count(*) AS n, sum(amount) AS s FROM transactions",
                        r -> List.of(List.of(
                                "华东",
                                (long) tx(t -> t.region().equals(r)).size(),
                                tx(t -> t.region().equals(r)).stream()
                                        .map(Transaction::amount)
                                        .reduce(BigDecimal.ZERO, BigDecimal::add)))),
                new Shape(
                        "campaigns, national included",
                        "SELECT campaign_id FROM campaigns",
                        r -> data.campaigns.stream()
                                .filter(c -> c.region().equals(r) || c.region().isEmpty())
                                .map(c -> List.<Object>of(c.id()))
                                .toList()));
    }

    static Stream<Arguments> regionsAndShapes() {
        return SeededWarehouse.REGIONS.stream().flatMap(r -> shapes().stream().map(s -> Arguments.of(r, s)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("regionsAndShapes")
    void aRegionalManagerSeesExactlyItsRegion(String region, Shape shape) {
        Caller manager = new Caller("manager", Role.REGIONAL_MANAGER, Scope.of(Set.of(region)));

        AnalystSqlResult result = data.analystSql.run(shape.sql(), manager);

        assertThat(integersAsLongs(result.rows()))
                .containsExactlyInAnyOrderElementsOf(shape.expected().apply(region));
        assertThat(result.meta().sql()).doesNotContain(region).doesNotContain("华东");
    }

    @Test
    void aScopeOfTwoRegionsSeesBoth() {
        Caller manager = new Caller("m", Role.REGIONAL_MANAGER, Scope.of(Set.of("华北", "西南")));

        AnalystSqlResult result = data.analystSql.run("SELECT event_id FROM transactions", manager);

        assertThat(result.rows())
                .containsExactlyInAnyOrderElementsOf(
                        ids(tx(t -> t.region().equals("华北") || t.region().equals("西南"))));
    }

    @Test
    void anExecutiveSeesEveryRegion() {
        AnalystSqlResult result =
                data.analystSql.run("SELECT event_id FROM transactions", new Caller("ceo", Role.EXECUTIVE, Scope.ALL));

        assertThat(result.rows()).containsExactlyInAnyOrderElementsOf(ids(data.transactions));
        assertThat(result.columns()).containsExactly(new AnalystSqlResult.Column("event_id", "String"));
        assertThat(result.meta().rowsRead()).isEqualTo(data.transactions.size());
        assertThat(result.meta().truncated()).isFalse();
    }

    @Test
    void rowsBeyondTheLimitAreCutAndFlagged() {
        AnalystSql limited = new AnalystSql(
                data.compiler, data.engine, new QuerySettings(10, 65536, 64, 3, java.time.Duration.ofSeconds(5)));

        AnalystSqlResult result =
                limited.run("SELECT event_id FROM transactions", new Caller("a", Role.ANALYST, Scope.ALL));

        assertThat(result.rows()).hasSize(3);
        assertThat(result.meta().truncated()).isTrue();
    }

    @Test
    void theAnalystsOrderIsKept() {
        AnalystSqlResult result = data.analystSql.run(
                "SELECT event_id FROM transactions ORDER BY amount DESC, event_id LIMIT 4",
                new Caller("a", Role.ANALYST, Scope.ALL));

        List<List<Object>> expected = data.transactions.stream()
                .sorted(java.util.Comparator.comparing(Transaction::amount)
                        .reversed()
                        .thenComparing(Transaction::eventId))
                .limit(4)
                .map(t -> List.<Object>of(t.eventId()))
                .toList();
        assertThat(result.rows()).isEqualTo(expected);
    }

    @Test
    void otherRolesMayNotSendSql() {
        for (Role role : List.of(Role.INGEST, Role.QUALITY, Role.ADMIN)) {
            assertThatThrownBy(() ->
                            data.analystSql.run("SELECT event_id FROM transactions", new Caller("x", role, Scope.ALL)))
                    .isInstanceOf(SqlForbiddenException.class)
                    .hasMessageContaining(role.name());
        }
    }

    @Test
    void aMetricPlanCountsMonthsInShanghai() {
        RelBuilder b = data.compiler.builder();
        RelNode plan = b.scan("transactions")
                .aggregate(
                        b.groupKey(b.alias(ClickHouseFunctions.startOf(b, TimeGrain.MONTH, b.field("ts")), "month")),
                        b.sum(false, "revenue", b.field("amount")))
                .sort(b.field("month"))
                .build();
        CompiledQuery q = data.compiler.compile(plan, Scope.of(Set.of("华中")));

        QueryResult result = data.engine.query(q.sql(), q.params());

        // 2026-01-31T16:00Z is already February in Shanghai
        List<List<Object>> expected = new ArrayList<>();
        expected.add(List.of(LocalDate.of(2026, 1, 1), new BigDecimal("10.50")));
        expected.add(List.of(LocalDate.of(2026, 2, 1), new BigDecimal("27.25")));
        expected.add(List.of(LocalDate.of(2026, 3, 1), new BigDecimal("7.00")));
        assertThat(result.rows()).isEqualTo(expected);
    }

    /**
     * Counts may come back wider than Long (a decorrelated count is {@code CASE WHEN .. THEN
     * {p:Int64} ELSE count() END}, Int64 with UInt64 makes Int128): compare them as numbers.
     */
    private static List<List<Object>> integersAsLongs(List<List<Object>> rows) {
        return rows.stream()
                .map(row -> row.stream()
                        .map(v -> v instanceof java.math.BigInteger || v instanceof Integer
                                ? (Object) ((Number) v).longValue()
                                : v)
                        .toList())
                .toList();
    }

    private static List<Transaction> tx(Predicate<Transaction> filter) {
        return data.transactions.stream().filter(filter).toList();
    }

    private static List<List<Object>> ids(List<Transaction> transactions) {
        return transactions.stream().map(t -> List.<Object>of(t.eventId())).toList();
    }

    private static List<List<Object>> buyersAtHome(String region) {
        return data.customers.stream()
                .filter(c -> c.region().equals(region))
                .filter(c -> data.transactions.stream()
                        .anyMatch(
                                t -> t.customerId().equals(c.id()) && t.region().equals(region)))
                .map(Customer::id)
                .map(id -> List.<Object>of(id))
                .toList();
    }

    private static List<List<Object>> selfJoin(String region) {
        List<Transaction> visible = tx(t -> t.region().equals(region));
        List<List<Object>> pairs = new ArrayList<>();
        for (Transaction a : visible) {
            for (Transaction b : visible) {
                if (a.customerId().equals(b.customerId())) {
                    pairs.add(List.of(a.eventId(), b.eventId()));
                }
            }
        }
        return pairs;
    }
}
