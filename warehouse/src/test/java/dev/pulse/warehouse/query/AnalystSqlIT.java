package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.query.ClickHouseFunctions.TimeGrain;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The allowed functions and the time grains compute on ClickHouse what standard SQL says they
 * compute, on the seeded rows of one region.
 */
class AnalystSqlIT {

    static SeededWarehouse data;
    static final Caller NORTH_WEST = new Caller("m", Role.REGIONAL_MANAGER, Scope.of(Set.of("西北")));

    @BeforeAll
    static void seed() {
        data = new SeededWarehouse();
    }

    @AfterAll
    static void close() {
        data.close();
    }

    // 西北 is region 6: its home transactions are t-6-0a (10.50), t-6-0b (20.00) and t-6-2a (7);
    // t-5-1 (7.25) and t-5-2b (3.00) come from 西南 customers shopping in 西北
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', textBlock = """
            ^SELECT UPPER(SUBSTRING(event_id FROM 1 FOR 3)) FROM transactions WHERE event_id = 't-6-0a'^ | T-6
            ^SELECT CHAR_LENGTH(event_id) || '/' || LOWER('AB') FROM transactions WHERE event_id = 't-6-0a'^ | 6/ab
            ^SELECT COALESCE(NULLIF(channel, ''), 'none') FROM transactions WHERE event_id = 't-6-0a'^ | none
            ^SELECT CASE WHEN amount > 15 THEN 'big' ELSE 'small' END FROM transactions WHERE event_id = 't-6-0b'^ | big
            ^SELECT SUM(amount) FROM transactions^ | 47.75
            ^SELECT COUNT(DISTINCT customer_id) FROM transactions^ | 4
            ^SELECT ROUND(AVG(amount), 2) FROM transactions WHERE event_id LIKE 't-6-%'^ | 12.5
            ^SELECT MIN(amount) || '..' || MAX(amount) FROM transactions^ | 3..20
            ^SELECT ABS(-1 * amount) FROM transactions WHERE event_id = 't-6-2a'^ | 7
            ^SELECT EXTRACT(MONTH FROM ts) FROM transactions WHERE event_id = 't-6-2a'^ | 3
            ^SELECT COUNT(*) FROM transactions WHERE ts >= TIMESTAMP '2026-02-01 00:00:00' AND amount BETWEEN 3 AND 7.25^ | 3
            ^SELECT event_id FROM (SELECT event_id, ROW_NUMBER() OVER (ORDER BY amount DESC) AS r FROM transactions) AS x WHERE r = 1^ | t-6-0b
            ^SELECT COUNT(*) FILTER (WHERE amount > 10) FROM transactions^ | 2
            ^SELECT region FROM campaigns WHERE campaign_id = 'camp-national'^ | ^^
            ^SELECT TRIM(BOTH 'x' FROM 'xxhixx') || POSITION('6' IN event_id) FROM transactions WHERE event_id = 't-6-0a'^ | hi3
            ^SELECT FLOOR(amount) + CEIL(amount) + SIGN(-amount) FROM transactions WHERE event_id = 't-6-0a'^ | 20
            ^SELECT ROUND(SQRT(POWER(amount, 2)) + LN(EXP(1)) + LOG10(100) + MOD(7, 4), 3) FROM transactions WHERE event_id = 't-6-2a'^ | 13
            ^SELECT ROUND(STDDEV_POP(amount) * STDDEV_POP(amount) - VAR_POP(amount), 6) FROM transactions^ | 0
            ^SELECT ROUND(VAR_SAMP(amount) - STDDEV_SAMP(amount) * STDDEV_SAMP(amount), 6) FROM transactions^ | 0
            ^SELECT COUNT(*) FROM (SELECT event_id FROM transactions INTERSECT SELECT event_id FROM transactions WHERE amount > 10)^ | 2
            ^SELECT COUNT(*) FROM (SELECT event_id FROM transactions EXCEPT SELECT event_id FROM transactions WHERE amount > 10)^ | 3
            ^SELECT MAX(r) FROM (SELECT RANK() OVER (ORDER BY customer_id) AS r FROM transactions) AS x^ | 5
            ^SELECT MAX(r) FROM (SELECT DENSE_RANK() OVER (ORDER BY customer_id) AS r FROM transactions) AS x^ | 4
            ^SELECT event_id FROM (SELECT event_id, LAG(amount, 1) OVER (ORDER BY amount) AS p FROM transactions) AS x WHERE p = 10.5^ | t-6-0b
            ^SELECT event_id FROM (SELECT event_id, LEAD(amount) OVER (ORDER BY amount) AS n FROM transactions) AS x WHERE n = 7.25^ | t-6-2a
            ^SELECT MAX(f) FROM (SELECT FIRST_VALUE(amount) OVER (ORDER BY amount DESC) AS f FROM transactions) AS x^ | 20
            ^SELECT MAX(s) FROM (SELECT SUM(amount) OVER (ORDER BY amount ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM transactions) AS x^ | 30.5
            ^SELECT SUBSTRING(region FROM 2 FOR 1) || POSITION('北' IN region) || CHAR_LENGTH(region) FROM transactions WHERE event_id = 't-6-0a'^ | 北22
            ^SELECT SUBSTRING(region FROM 2) FROM transactions WHERE event_id = 't-6-0a'^ | 北
            ^SELECT COUNT(*) FROM transactions WHERE ts >= TIMESTAMP '2026-03-02 00:00:00' - INTERVAL '1' DAY^ | 2
            ^SELECT COUNT(*) FROM campaigns WHERE start_date = DATE '2026-01-01' AND end_date < DATE '2026-02-02'^ | 2
            ^SELECT COUNT(*) FROM transactions WHERE CAST(ts AS DATE) = DATE '2026-03-01'^ | 1
            ^SELECT COUNT(*) FROM customers c LEFT JOIN transactions t ON t.customer_id = c.customer_id WHERE t.event_id IS NULL^ | 2
            ^SELECT CAST(amount AS INTEGER) + CAST('2' AS INTEGER) FROM transactions WHERE event_id = 't-6-2a'^ | 9
            ^SELECT COUNT(*) FROM transactions WHERE customer_id NOT IN (SELECT customer_id FROM customers WHERE customer_id LIKE '%-0')^ | 3
            ^SELECT themes FROM feedback WHERE event_id = 'f-6-0'^ | []
                        """)
    void allowedFunctionsComputeOnClickHouse(String sql, String expected) {
        AnalystSqlResult result = data.analystSql.run(sql, NORTH_WEST);

        assertThat(result.rows()).hasSize(1);
        Object value = result.rows().getFirst().getFirst();
        String text = switch (value) {
            case java.math.BigDecimal d -> d.stripTrailingZeros().toPlainString();
            case Double d ->
                java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            default -> String.valueOf(value);
        };
        assertThat(text).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest
    @CsvSource({"DAY, 2026-01-01", "WEEK, 2025-12-29", "MONTH, 2026-01-01", "QUARTER, 2026-01-01", "YEAR, 2026-01-01"})
    void timeGrainsOfADateNeedNoZone(TimeGrain grain, LocalDate expected) {
        RelBuilder b = data.compiler.builder();
        RelNode plan = b.scan("campaigns")
                .filter(b.equals(b.field("campaign_id"), b.literal("camp-6")))
                .project(ClickHouseFunctions.startOf(b, grain, b.field("start_date")))
                .build();
        CompiledQuery q = data.compiler.compile(plan, NORTH_WEST.scope());

        QueryResult result = data.engine.query(q.sql(), q.params());

        assertThat(q.sql()).doesNotContain("Asia/Shanghai");
        assertThat(result.rows()).isEqualTo(List.of(List.of(expected)));
    }

    @org.junit.jupiter.api.Test
    void namesWithQuotesAndBackslashesStayNames() {
        RelBuilder b = data.compiler.builder();
        RelNode plan = b.scan("transactions")
                .filter(b.equals(b.field("event_id"), b.literal("t-6-0a")))
                .project(
                        b.alias(b.field("event_id"), "a\\"),
                        b.alias(b.field("region"), "` FROM system.users --"),
                        b.alias(b.field("amount"), "it's \"x\""))
                .build();
        CompiledQuery q = data.compiler.compile(plan, NORTH_WEST.scope());

        QueryResult result = data.engine.query(q.sql(), q.params());

        assertThat(result.columns())
                .extracting(QueryResult.Column::name)
                .containsExactly("a\\", "` FROM system.users --", "it's \"x\"");
        assertThat(result.rows()).isEqualTo(List.of(List.of("t-6-0a", "西北", new java.math.BigDecimal("10.50"))));
    }

    @ParameterizedTest
    @CsvSource({"DAY, 2026-02-01", "WEEK, 2026-01-26", "MONTH, 2026-02-01", "QUARTER, 2026-01-01", "YEAR, 2026-01-01"})
    void timeGrainsAreCountedInShanghai(TimeGrain grain, LocalDate expected) {
        // 2026-01-31T16:00:00Z is 2026-02-01 00:00 in Shanghai, a Sunday
        RelBuilder b = data.compiler.builder();
        RelNode plan = b.scan("transactions")
                .filter(b.equals(b.field("event_id"), b.literal("t-6-0b")))
                .project(ClickHouseFunctions.startOf(b, grain, b.field("ts")))
                .build();
        CompiledQuery q = data.compiler.compile(plan, NORTH_WEST.scope());

        QueryResult result = data.engine.query(q.sql(), q.params());

        assertThat(result.rows()).isEqualTo(List.of(List.of(expected)));
        assertThat(result.columns().getFirst().type()).isEqualTo("Date");
    }

    @org.junit.jupiter.api.Test
    void whereReadsTheViewsColumnNotASelectListAliasOfTheSameName() {
        Caller executive = new Caller("ceo", Role.EXECUTIVE, Scope.ALL);

        AnalystSqlResult result =
                data.analystSql.run("SELECT customer_id, '华北' AS region FROM customers WHERE region = '华东'", executive);

        List<List<Object>> expected = data.customers.stream()
                .filter(c -> c.region().equals("华东"))
                .map(c -> List.<Object>of(c.id(), "华北"))
                .toList();
        assertThat(result.rows()).isNotEmpty().containsExactlyInAnyOrderElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void aPlanCalciteCannotWriteBackAsSqlIsRefusedNotAnError() {
        // found by GeneratedRegionShapesIT: RelToSqlConverter.wrapNestedJoin fails on joins of filtered joins
        String nested = "(SELECT * FROM (SELECT a.event_id AS id, b.event_id AS id2 FROM survey_invitations a "
                + "JOIN survey_responses b ON a.customer_id = b.customer_id) AS w WHERE w.id2 = 'x' OR 1=1)";
        String sql = "SELECT a.*, b.id AS other FROM " + nested + " AS a JOIN " + nested + " AS b ON a.id = b.id";

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> data.analystSql.run(sql, NORTH_WEST))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageContaining("cannot translate this query");
    }
}
