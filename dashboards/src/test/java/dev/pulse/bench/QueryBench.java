package dev.pulse.bench;

import dev.pulse.Pulse;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WarehouseSettings;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.metrics.MetricExplanation;
import dev.pulse.warehouse.metrics.MetricExplanation.Statement;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.Metrics;
import dev.pulse.warehouse.metrics.web.QueryRequestReader;
import dev.pulse.warehouse.query.SqlCompiler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code scripts/bench query}: eight dashboard-like metric requests through {@code POST /api/v1/query}
 * (EXECUTIVE key, result cache bypassed) against the engine running the same compiled SQL with the
 * same parameters, the Calcite compile time with and without the plan cache, and the same requests
 * written by hand for PostgreSQL over the same rows; all in one run of one JVM.
 *
 * <p>The demo data is loaded through ingestion into a fresh embedded warehouse in a temporary folder.
 * The result cache is bypassed by advancing the write watermark before each uncached request, which is
 * what a committed ingest batch does: the request pays validation, planning, compilation (with the
 * plan cache, as in production), the engine and the JSON answer. The cached p50 is measured separately.
 *
 * <p>Arguments: {@code [scale]} (1 = the demo data, about 1.4 M rows; 10 = ten times that).
 * Runs per request: {@code PULSE_BENCH_RUNS} (default 20), on PostgreSQL {@code PULSE_BENCH_PG_RUNS} (default 5).
 */
public final class QueryBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final LocalDate YEAR = TODAY.withDayOfMonth(1).minusMonths(10);
    static final LocalDate MONTH = TODAY.withDayOfMonth(1);
    static final LocalDate QUARTER = MONTH.minusMonths(3);

    /** One dashboard-like request: its JSON body, and its range for the hand-written PostgreSQL query of the same name. */
    record Case(String name, LocalDate from, LocalDate to, String body) {
        LocalDate previousFrom() {
            return from.minusDays(to.toEpochDay() - from.toEpochDay());
        }
    }

    static final List<Case> CASES = List.of(
            request("nps_by_region", YEAR, MONTH, "[\"nps\",\"responses\"]", "[\"region\"]", ""),
            request("nps_by_month", MONTH.minusMonths(16), MONTH, "[\"nps\",\"responses\"]", "[\"month\"]", ""),
            request(
                    "revenue_by_region_month",
                    YEAR,
                    MONTH,
                    "[\"revenue\",\"orders\",\"aov\"]",
                    "[\"region\",\"month\"]",
                    ""),
            request("churn_by_region", QUARTER, MONTH, "[\"churn_rate_pct\"]", "[\"region\"]", ""),
            request(
                    "campaign_roi",
                    MONTH.minusMonths(16),
                    MONTH,
                    "[\"campaign_cost\",\"campaign_revenue\",\"campaign_roi\"]",
                    "[\"campaign\"]",
                    ""),
            request(
                    "complaints_per_1k_by_region",
                    YEAR,
                    MONTH,
                    "[\"complaints\",\"complaints_per_1k_orders\"]",
                    "[\"region\"]",
                    ""),
            request("csat_by_channel", YEAR, MONTH, "[\"csat_top2_pct\",\"csat_avg\"]", "[\"channel\"]", ""),
            request(
                    "executive_kpis_vs_previous_period",
                    QUARTER,
                    MONTH,
                    "[\"nps\",\"csat_top2_pct\",\"revenue\",\"orders\",\"active_customers\"]",
                    "[]",
                    ",\"compareTo\":\"previous_period\""));

    private QueryBench() {}

    private static Case request(
            String name, LocalDate from, LocalDate to, String metrics, String dimensions, String extra) {
        return new Case(
                name,
                from,
                to,
                "{\"metrics\":" + metrics + ",\"dimensions\":" + dimensions + ",\"from\":\"" + from + "\",\"to\":\""
                        + to + "\"" + extra + "}");
    }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int runs = Integer.parseInt(System.getenv().getOrDefault("PULSE_BENCH_RUNS", "20"));
        int pgRuns = Integer.parseInt(System.getenv().getOrDefault("PULSE_BENCH_PG_RUNS", "5"));
        Path dir = Files.createTempDirectory("pulse-bench-query-");
        String key = "bench-" + HexFormat.of().formatHex(randomBytes());
        SpringApplication app = new SpringApplication(Pulse.class);
        // command-line properties, because application.yml sets the demo switch and the keys from the environment
        String[] properties = {
            "--server.port=0",
            "--pulse.data-dir=" + dir,
            "--pulse.warehouse.data-dir=" + dir.resolve("warehouse"),
            "--pulse.demo.enabled=true",
            "--pulse.demo.scale=" + scale,
            "--pulse.security.api-keys=" + key + ":EXECUTIVE",
            "--logging.level.root=WARN"
        };
        System.out.printf(
                Locale.ROOT,
                "bench query: demo data at scale %s, %d runs per request (PostgreSQL %d); %d cores; warehouse in %s%n",
                args.length > 0 ? args[0] : "1",
                runs,
                pgRuns,
                Runtime.getRuntime().availableProcessors(),
                dir);
        try (ConfigurableApplicationContext context = app.run(properties)) {
            ClickHouseEngine engine = context.getBean(ClickHouseEngine.class);
            WriteWatermark watermark = context.getBean(WriteWatermark.class);
            Metrics metrics = context.getBean(Metrics.class);
            ZoneId zone = context.getBean(PulseSettings.class).timezone();
            String database = context.getBean(WarehouseSettings.class).database();
            String port = context.getEnvironment().getProperty("local.server.port");
            URI endpoint = URI.create("http://localhost:" + port + "/api/v1/query");

            long loadStart = System.nanoTime();
            awaitDemoData(engine);
            long loaded = ((Number) engine.query(
                                    "SELECT (SELECT count() FROM customers) + (SELECT count() FROM transactions)"
                                            + " + (SELECT count() FROM survey_responses) + (SELECT count() FROM feedback) + (SELECT count() FROM campaigns)")
                            .single())
                    .longValue();
            System.out.printf(
                    Locale.ROOT,
                    "loaded %,d rows through ingestion in %.0f s%n",
                    loaded,
                    (System.nanoTime() - loadStart) / 1e9);

            Caller executive = new Caller("bench", Role.EXECUTIVE, Scope.ALL);
            Metrics planCached = Metrics.standalone(SqlCompiler.standalone(database, zone, 1000), engine, zone);
            Metrics planUncached = Metrics.standalone(SqlCompiler.standalone(database, zone, 0), engine, zone);
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // one warm-up pass over every request, so that the first measured request does not pay the JIT for the
            // others
            for (Case c : CASES) {
                for (Statement st : metrics.explain(QueryRequestReader.read(JSON.readTree(c.body())), executive)
                        .statements()) {
                    engine.query(st.sql(), st.params());
                }
                watermark.advance();
                post(http, endpoint, key, c.body());
            }
            Timings.Table table = new Timings.Table();
            for (Case c : CASES) {
                MetricQuery query = QueryRequestReader.read(JSON.readTree(c.body()));
                MetricExplanation explained = metrics.explain(query, executive);
                Timings api = new Timings();
                Timings direct = new Timings();
                Timings cached = new Timings();
                Timings compileCached = new Timings();
                Timings compileUncached = new Timings();
                for (int i = -2; i < runs; i++) {
                    boolean measured = i >= 0;
                    watermark.advance();
                    api.time(measured, () -> post(http, endpoint, key, c.body()));
                    direct.time(measured, () -> explained.statements().forEach(s -> engine.query(s.sql(), s.params())));
                    cached.time(measured, () -> post(http, endpoint, key, c.body()));
                    compileCached.time(measured, () -> planCached.explain(query, executive));
                    compileUncached.time(measured, () -> planUncached.explain(query, executive));
                }
                table.add(c, explained.statements().size(), api, direct, cached, compileCached, compileUncached);
            }
            table.postgres(engine, dir.resolve("pg"), pgRuns);
            table.print(System.out);
        } finally {
            deleteTree(dir);
        }
    }

    /** The warehouse of a large scale takes gigabytes; nothing of a run is kept. */
    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Waits for the demo loader's thread, which the application starts once it is ready. */
    private static void awaitDemoData(ClickHouseEngine engine) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Thread loader = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("pulse-demo-data"))
                    .findFirst()
                    .orElse(null);
            if (loader != null) {
                loader.join();
                return;
            }
            if (System.nanoTime() > deadline) {
                if (((Number) engine.query("SELECT count() FROM transactions").single()).longValue() > 0) {
                    return;
                }
                throw new IllegalStateException("the demo data loader did not start");
            }
            Thread.sleep(20);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void post(HttpClient http, URI endpoint, String key, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("query answered " + response.statusCode() + ": " + response.body());
        }
    }
}
