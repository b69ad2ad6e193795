package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.warehouse.Caller;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.Role;
import dev.pulse.warehouse.Scope;
import dev.pulse.warehouse.query.ClickHouseFunctions.TimeGrain;
import java.time.LocalDate;
import java.time.ZoneId;
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
    static CalciteSqlCompiler compiler;
    static AnalystSql analystSql;
    static final Caller NORTH_WEST = new Caller("m", Role.REGIONAL_MANAGER, Scope.of(Set.of("西北")));

    @BeforeAll
    static void seed() {
        data = new SeededWarehouse();
        compiler = new CalciteSqlCompiler(SeededWarehouse.DATABASE, ZoneId.of("Asia/Shanghai"), 100);
        analystSql = new AnalystSql(compiler, data.engine, QuerySettings.defaults());
    }

    @AfterAll
    static void close() {
        data.engine.close();
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
            """)
    void allowedFunctionsComputeOnClickHouse(String sql, String expected) {
        AnalystSqlResult result = analystSql.run(sql, NORTH_WEST);

        assertThat(result.rows()).hasSize(1);
        Object value = result.rows().getFirst().getFirst();
        String text = value instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(value);
        assertThat(text).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest
    @CsvSource({"DAY, 2026-02-01", "WEEK, 2026-01-26", "MONTH, 2026-02-01", "QUARTER, 2026-01-01", "YEAR, 2026-01-01"})
    void timeGrainsAreCountedInShanghai(TimeGrain grain, LocalDate expected) {
        // 2026-01-31T16:00:00Z is 2026-02-01 00:00 in Shanghai, a Sunday
        RelBuilder b = compiler.builder();
        RelNode plan = b.scan("transactions")
                .filter(b.equals(b.field("event_id"), b.literal("t-6-0b")))
                .project(ClickHouseFunctions.startOf(b, grain, b.field("ts")))
                .build();
        CompiledQuery q = compiler.compile(plan, NORTH_WEST.scope());

        QueryResult result = data.engine.query(q.sql(), q.params());

        assertThat(result.rows()).isEqualTo(List.of(List.of(expected)));
        assertThat(result.columns().getFirst().type()).isEqualTo("Date");
    }
}
