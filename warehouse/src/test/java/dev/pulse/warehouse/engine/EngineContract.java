package dev.pulse.warehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.ClickHouseEngine.InputFormat;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.QueryResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ClickHouseEngine} must do, whichever ClickHouse runs the SQL: real SQL, values
 * bound safely and typed the same way, errors with their code, limits from configuration,
 * concurrency, and data kept when the engine is reopened.
 *
 * <p>Each engine's IT extends this class and says how to open the engine; the limits it opens
 * with must be {@link #MAX_EXECUTION_SECONDS} and {@link #MAX_MEMORY}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineContract {

    static final long MAX_EXECUTION_SECONDS = 30;
    static final long MAX_MEMORY = 2_000_000_000L;

    private ClickHouseEngine engine;

    /** Opens a new engine on the same storage or server as before. */
    abstract ClickHouseEngine open();

    /** The mode the engine reports in its health. */
    abstract String mode();

    @BeforeEach
    void ensureOpen() {
        if (engine == null) {
            engine = open();
            engine.execute("DROP TABLE IF EXISTS t");
            engine.execute(
                    "CREATE TABLE t (id String, region LowCardinality(String), v Decimal(18,2), ts DateTime64(3,'UTC'), d Nullable(Date)) ENGINE = MergeTree ORDER BY id");
        }
    }

    @AfterAll
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void reportsVersionAndHealth() {
        var health = engine.health();
        assertThat(health.reachable()).isTrue();
        assertThat(health.mode()).isEqualTo(mode());
        assertThat(health.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void insertsJsonEachRowAndReadsTypedValues() {
        engine.execute("TRUNCATE TABLE t");
        String rows = """
                {"id":"a","region":"华东","v":"12.50","ts":"2026-05-01 08:00:00.000","d":"2026-05-01"}
                {"id":"b","region":"华南","v":-3.1,"ts":"2026-05-02 09:30:00.250","d":null}
                """;
        engine.insert("t", InputFormat.JSON_EACH_ROW, rows.getBytes(StandardCharsets.UTF_8));
        QueryResult result = engine.query("SELECT id, region, v, ts, d, count() OVER () AS n FROM t ORDER BY id");
        assertThat(result.columns())
                .extracting(QueryResult.Column::name)
                .containsExactly("id", "region", "v", "ts", "d", "n");
        assertThat(result.columns().get(2).type()).isEqualTo("Decimal(18, 2)");
        assertThat(result.rows().get(0))
                .containsExactly(
                        "a",
                        "华东",
                        new BigDecimal("12.50"),
                        Instant.parse("2026-05-01T08:00:00Z"),
                        LocalDate.of(2026, 5, 1),
                        2L);
        assertThat(result.rows().get(1))
                .containsExactly(
                        "b", "华南", new BigDecimal("-3.10"), Instant.parse("2026-05-02T09:30:00.250Z"), null, 2L);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "华东",
                "it's",
                "east' OR 1=1 --",
                "back\\slash",
                "tab\there",
                "line\nbreak",
                "{x:String}",
                "🙂 emoji",
                "\"quoted\"",
                "a&b=c%20"
            })
    void bindsAnyStringAsData(String value) {
        QueryResult result = engine.query("SELECT {s:String} AS s, length({s:String}) AS n", Map.of("s", value));
        assertThat(result.rows().getFirst().getFirst()).isEqualTo(value);
        assertThat(result.rows().getFirst().get(1)).isEqualTo((long) value.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void bindsArraysDatesAndNumbers() {
        QueryResult result = engine.query(
                "SELECT {a:Array(String)} AS a, {d:Date} AS d, {t:DateTime64(3,'UTC')} AS t, {n:Int64} AS n, {x:Decimal(18,2)} AS x",
                Map.of(
                        "a",
                        List.of("华东", "it's", "a\\b"),
                        "d",
                        LocalDate.of(2026, 2, 28),
                        "t",
                        Instant.parse("2026-02-28T23:59:59.500Z"),
                        "n",
                        -42,
                        "x",
                        new BigDecimal("10.25")));
        assertThat(result.rows().getFirst())
                .containsExactly(
                        List.of("华东", "it's", "a\\b"),
                        LocalDate.of(2026, 2, 28),
                        Instant.parse("2026-02-28T23:59:59.500Z"),
                        -42L,
                        new BigDecimal("10.25"));
    }

    @Test
    void engineErrorsKeepTheirCode() {
        assertThatThrownBy(() -> engine.query("SELECT * FROM no_such_table"))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(60))
                .hasMessageContaining("UNKNOWN_TABLE");
        assertThatThrownBy(() -> engine.execute("SELEC 1"))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(62));
        assertThatThrownBy(() -> engine.insert(
                        "no_such_table", InputFormat.JSON_EACH_ROW, "{}\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(60));
    }

    @Test
    void readsIsoTimestampsWithAZoneOnInsert() {
        engine.execute("TRUNCATE TABLE t");
        engine.insert(
                "t",
                InputFormat.JSON_EACH_ROW,
                "{\"id\":\"iso\",\"region\":\"华北\",\"v\":1,\"ts\":\"2026-05-01T08:00:00.125+08:00\",\"d\":null}\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(engine.query("SELECT ts FROM t WHERE id = 'iso'").single())
                .isEqualTo(Instant.parse("2026-05-01T00:00:00.125Z"));
    }

    @Test
    void limitsComeFromConfiguration() {
        QueryResult result =
                engine.query("SELECT getSetting('max_execution_time'), getSetting('max_memory_usage'), timezone(), "
                        + "toString(getSetting('date_time_input_format'))");
        assertThat(((Number) result.rows().getFirst().get(0)).longValue()).isEqualTo(MAX_EXECUTION_SECONDS);
        assertThat(((Number) result.rows().getFirst().get(1)).longValue()).isEqualTo(MAX_MEMORY);
        assertThat(result.rows().getFirst().get(2)).isEqualTo("UTC");
        assertThat(result.rows().getFirst().get(3)).isEqualTo("best_effort");
    }

    @Test
    void runsQueriesConcurrently() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Object>> sums = IntStream.range(0, 32)
                    .mapToObj(i -> pool.submit(
                            () -> engine.query("SELECT sum(number) FROM numbers({n:UInt64})", Map.of("n", 1000 + i))
                                    .single()))
                    .toList();
            for (int i = 0; i < sums.size(); i++) {
                long n = 1000 + i;
                assertThat(sums.get(i).get()).isEqualTo(n * (n - 1) / 2);
            }
        }
    }

    @Test
    void keepsDataAcrossARestart() {
        engine.execute("CREATE TABLE IF NOT EXISTS kept (k String) ENGINE = MergeTree ORDER BY k");
        engine.execute("TRUNCATE TABLE kept");
        engine.insert("kept", InputFormat.JSON_EACH_ROW, "{\"k\":\"留存\"}\n".getBytes(StandardCharsets.UTF_8));
        engine.close();
        engine = open();
        assertThat(engine.query("SELECT k FROM kept").single()).isEqualTo("留存");
    }
}
