package dev.pulse.warehouse.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.Caller;
import dev.pulse.warehouse.EngineException;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query that passes every check but would run for hours is stopped by the time limit, and the
 * engine answers the next query as usual.
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
        data.engine.execute("CREATE TABLE " + DATABASE + ".transactions_raw AS " + SeededWarehouse.DATABASE + ".transactions_raw");
        data.engine.execute("CREATE VIEW " + DATABASE + ".transactions AS SELECT * EXCEPT _ingested_at FROM "
                + DATABASE + ".transactions_raw FINAL");
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
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(159));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("runaway join stopped after " + took.toMillis() + " ms");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        AnalystSqlResult after = oneSecond.run("SELECT count(*) FROM transactions WHERE customer_id = '3'", analyst);
        assertThat(after.rows()).isEqualTo(java.util.List.of(java.util.List.of(30_000L)));
    }
}
