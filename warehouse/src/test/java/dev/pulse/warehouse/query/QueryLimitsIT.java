package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.WarehouseSettings;
import dev.pulse.warehouse.engine.EmbeddedEngine;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

/**
 * Queries that pass every check but would read, hold or return too much, or run for hours, are
 * stopped by the configured limit, named with its value; the engine answers the next query as usual.
 */
class QueryLimitsIT {

    static final String DATABASE = "pulse_query_limits";
    static SeededWarehouse data;
    static AnalystSql oneSecond;

    @BeforeAll
    static void seed() {
        data = new SeededWarehouse();
        data.engine.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        data.engine.execute("DROP VIEW IF EXISTS " + DATABASE + ".transactions");
        data.engine.execute("DROP TABLE IF EXISTS " + DATABASE + ".transactions_raw");
        data.engine.execute(
                "CREATE TABLE " + DATABASE + ".transactions_raw AS " + SeededWarehouse.DATABASE + ".transactions_raw");
        data.engine.execute("CREATE VIEW " + DATABASE + ".transactions AS SELECT * EXCEPT _ingested_at FROM " + DATABASE
                + ".transactions_raw FINAL");
        // 300 000 purchases by ten customers: a self-join on the customer makes 9e9 rows; summing over
        // both sides makes the engine build them (a bare count(*) of the join it answers in under a second)
        data.engine.execute("INSERT INTO " + DATABASE + ".transactions_raw (event_id, customer_id, ts, amount, region) "
                + "SELECT toString(number), toString(number % 10), now64(3), 1, '华东' FROM numbers(300000)");
        CalciteSqlCompiler compiler = new CalciteSqlCompiler(DATABASE, ZoneId.of("Asia/Shanghai"), 10);
        oneSecond = new AnalystSql(compiler, data.engine, new QuerySettings(10, 65536, 64, 100, Duration.ofSeconds(1)));
    }

    @AfterAll
    static void close() {
        data.engine.execute("DROP DATABASE IF EXISTS " + DATABASE);
        data.close();
    }

    @Test
    void aRunawayJoinIsStoppedByTheTimeLimit() {
        Caller analyst = new Caller("a", Role.ANALYST, Scope.ALL);
        long start = System.nanoTime();

        assertThatThrownBy(() -> oneSecond.run(
                        "SELECT sum(a.amount + b.amount) FROM transactions a JOIN transactions b ON a.customer_id = b.customer_id",
                        analyst))
                .isInstanceOfSatisfying(SqlLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo("max_execution_time");
                    assertThat(e.value()).isEqualTo(1);
                    assertThat(e.code()).isEqualTo(159);
                });

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("runaway join stopped after " + took.toMillis() + " ms"); // console: how early the limit bit
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        AnalystSqlResult after = oneSecond.run("SELECT count(*) FROM transactions WHERE customer_id = '3'", analyst);
        assertThat(after.rows()).isEqualTo(List.of(List.of(30_000L)));
    }

    static final Caller ANALYST = new Caller("a", Role.ANALYST, Scope.ALL);

    @Test
    void aNonEquiCorrelationThatTheJoinGuardCannotSeeIsStoppedByTheTimeLimit() {
        // the guard checks the plan before correlated subqueries become joins: this one becomes a join on <
        assertThatThrownBy(() -> oneSecond.run(
                        "SELECT count(*) FROM transactions a WHERE EXISTS "
                                + "(SELECT 1 FROM transactions b WHERE b.event_id < a.event_id)",
                        ANALYST))
                .isInstanceOfSatisfying(
                        SqlLimitException.class, e -> assertThat(e.limit()).isEqualTo("max_execution_time"));
    }

    /** The defaults but for the engine limits given; rows, time and concurrency as in production. */
    static AnalystSql limited(long rowsToRead, DataSize bytesToRead, DataSize resultBytes, DataSize memory) {
        return new AnalystSql(
                new CalciteSqlCompiler(DATABASE, ZoneId.of("Asia/Shanghai"), 10),
                data.engine,
                new QuerySettings(
                        10, 65536, 64, 10000, Duration.ofSeconds(30), rowsToRead, bytesToRead, resultBytes, memory, 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            max_rows_to_read  | 1000      | 10GB  | 64MB | 1GB | 1000    | 158 | SELECT sum(amount) FROM transactions
            max_rows_to_read  | 500000    | 10GB  | 64MB | 1GB | 500000  | 158 | SELECT count(*) FROM transactions a JOIN transactions b ON a.event_id = b.event_id
            max_bytes_to_read | 100000000 | 10KB  | 64MB | 1GB | 10240   | 307 | SELECT sum(amount) FROM transactions
            max_memory_usage  | 100000000 | 10GB  | 64MB | 1MB | 1048576 | 241 | SELECT customer_id, count(DISTINCT event_id) FROM transactions GROUP BY customer_id
            max_result_bytes  | 100000000 | 10GB  | 1KB  | 1GB | 1024    | 0   | SELECT event_id FROM transactions WHERE customer_id = '3'
            """)
    void eachLimitStopsAQueryThatCrossesItAndNamesItsValue(
            String limit,
            long rowsToRead,
            String bytesToRead,
            String resultBytes,
            String memory,
            long value,
            int code,
            String sql) {
        AnalystSql analystSql =
                limited(rowsToRead, DataSize.parse(bytesToRead), DataSize.parse(resultBytes), DataSize.parse(memory));

        assertThatThrownBy(() -> analystSql.run(sql, ANALYST)).isInstanceOfSatisfying(SqlLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(limit);
            assertThat(e.value()).isEqualTo(value);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage())
                    .contains("limit " + limit + " (" + value + " ")
                    .doesNotContain("/store/");
        });
        assertThat(oneSecond
                        .run("SELECT count(*) FROM transactions WHERE customer_id = '3' AND amount = 1", ANALYST)
                        .rows())
                .isEqualTo(List.of(List.of(30_000L)));
    }

    @Test
    void aQueryStoppedByALimitLeavesNothingBehindOnItsConnection() {
        // one connection: the next query surely runs where the stopped one did
        try (EmbeddedEngine single = new EmbeddedEngine(new WarehouseSettings(
                WarehouseSettings.Mode.EMBEDDED,
                SeededWarehouse.DATA,
                null,
                null,
                "default",
                "",
                DATABASE,
                1,
                2_000_000_000L,
                Duration.ofSeconds(30)))) {
            CalciteSqlCompiler compiler = new CalciteSqlCompiler(DATABASE, ZoneId.of("Asia/Shanghai"), 10);
            AnalystSql tenKilobytes = new AnalystSql(
                    compiler,
                    single,
                    new QuerySettings(
                            10,
                            65536,
                            64,
                            10000,
                            Duration.ofSeconds(30),
                            100_000_000L,
                            DataSize.ofKilobytes(10),
                            DataSize.ofMegabytes(64),
                            DataSize.ofGigabytes(1),
                            2));
            AnalystSql defaults = new AnalystSql(compiler, single, QuerySettings.defaults());

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> tenKilobytes.run("SELECT sum(amount) FROM transactions", ANALYST))
                        .isInstanceOf(SqlLimitException.class);
                assertThat(defaults.run("SELECT 'after' AS x FROM transactions WHERE event_id = '7'", ANALYST)
                                .rows())
                        .isEqualTo(List.of(List.of("after")));
            }
        }
    }

    @Test
    void theSameQueriesRunUnderTheDefaultLimits() {
        AnalystSql defaults =
                limited(100_000_000L, DataSize.ofGigabytes(10), DataSize.ofMegabytes(64), DataSize.ofGigabytes(1));

        assertThat(defaults.run("SELECT sum(amount) FROM transactions", ANALYST)
                        .rows()
                        .getFirst()
                        .getFirst())
                .isEqualTo(new java.math.BigDecimal("300000.00"));
        assertThat(defaults.run(
                                "SELECT count(*) FROM (SELECT customer_id, count(DISTINCT event_id) AS n FROM transactions "
                                        + "GROUP BY customer_id) AS x WHERE n = 30000",
                                ANALYST)
                        .rows())
                .isEqualTo(List.of(List.of(10L)));
        AnalystSqlResult cut = defaults.run("SELECT event_id FROM transactions WHERE customer_id = '3'", ANALYST);
        assertThat(cut.rows()).hasSize(10_000);
        assertThat(cut.meta().truncated()).isTrue();
    }

    @Test
    void theEngineRunsAnalystSqlReadOnly() {
        // a table function that slipped past the allow-list is refused by the engine itself
        String sql = "SELECT count() FROM file('/etc/hostname', 'LineAsString')"
                + new AnalystLimits(QuerySettings.defaults()).settingsClause();

        assertThatThrownBy(() -> data.engine.query(sql)).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.code()).isEqualTo(164);
            assertThat(e.getMessage()).contains("readonly mode");
        });
    }
}
