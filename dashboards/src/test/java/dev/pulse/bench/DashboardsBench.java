package dev.pulse.bench;

import dev.pulse.Pulse;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.metrics.MetricExplanation;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code scripts/bench dashboards}: the time to load each dashboard's data, every tile's request to
 * {@code POST /api/v1/query} sent at once as the page does, with 1, 10 and 50 concurrent viewers;
 * p50 and p95 per dashboard against the sum of its raw engine queries (the compiled statements run
 * directly on the engine, one after the other) measured in the same run.
 *
 * <p>Pulse runs in this JVM on a fresh embedded warehouse with the demo data at the given scale, the
 * metric result cache off ({@code pulse.metrics.cache-size=0}) so that every load does the work.
 * The tile requests mirror {@code static/js/dashboards.js} for the last 90 days.
 *
 * <p>Arguments: {@code [scale]} (demo data scale, default 0.05) {@code [rounds]} (loads per viewer, default 5).
 */
public final class DashboardsBench {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private DashboardsBench() {}

    /** The metric requests of every tile, per dashboard, as the page sends them. */
    static Map<String, List<String>> tiles(LocalDate from, LocalDate to) {
        String range = "\"from\":\"" + from + "\",\"to\":\"" + to + "\"";
        Map<String, List<String>> d = new LinkedHashMap<>();
        List<String> overview = new ArrayList<>();
        for (String m : List.of(
                "\"nps\",\"nps_ci95\"",
                "\"csat_top2_pct\"",
                "\"revenue\"",
                "\"active_customers\"",
                "\"churn_rate_pct\"",
                "\"campaign_roi\"")) {
            overview.add("{\"metrics\":[" + m + "]," + range + ",\"compareTo\":\"previous_period\"}");
        }
        overview.add("{\"metrics\":[\"nps\"],\"dimensions\":[\"month\"]," + range + "}");
        overview.add("{\"metrics\":[\"revenue\"],\"dimensions\":[\"month\"]," + range + "}");
        overview.add("{\"metrics\":[\"revenue\",\"nps\"],\"dimensions\":[\"region\"]," + range
                + ",\"orderBy\":[{\"field\":\"revenue\",\"direction\":\"desc\"}]}");
        d.put("overview", overview);
        d.put(
                "satisfaction",
                List.of(
                        "{\"metrics\":[\"nps\",\"promoters_pct\",\"detractors_pct\"],\"dimensions\":[\"month\"],"
                                + range + "}",
                        "{\"metrics\":[\"promoters_pct\",\"detractors_pct\"],\"dimensions\":[\"region\"]," + range
                                + "}",
                        "{\"metrics\":[\"nps\",\"csat_top2_pct\"],\"dimensions\":[\"region\"]," + range + "}",
                        "{\"metrics\":[\"nps\",\"csat_top2_pct\"],\"dimensions\":[\"channel\"]," + range + "}",
                        "{\"metrics\":[\"nps\",\"csat_top2_pct\"],\"dimensions\":[\"segment\"]," + range + "}",
                        "{\"metrics\":[\"responses\"],\"dimensions\":[\"nps_score\",\"nps_group\"]," + range + "}",
                        "{\"metrics\":[\"responses\"],\"dimensions\":[\"theme\"]," + range
                                + ",\"filters\":[{\"dimension\":\"nps_group\","
                                + "\"op\":\"eq\",\"values\":[\"detractor\"]}],\"orderBy\":[{\"field\":\"responses\",\"direction\":\"desc\"}],\"limit\":10}",
                        "{\"metrics\":[\"responses\",\"nps\",\"nps_ci95\",\"csat_top2_pct\",\"csat_avg\",\"ces_avg\"],\"dimensions\":[\"region\"],"
                                + range + "}"));
        List<String> churn = new ArrayList<>();
        for (LocalDate m = from.withDayOfMonth(1); m.isBefore(to); m = m.plusMonths(1)) {
            LocalDate a = m.isBefore(from) ? from : m;
            LocalDate b = m.plusMonths(1).isAfter(to) ? to : m.plusMonths(1);
            churn.add("{\"metrics\":[\"churn_rate_pct\"],\"from\":\"" + a + "\",\"to\":\"" + b + "\"}");
        }
        churn.add("{\"metrics\":[\"churn_rate_pct\"],\"dimensions\":[\"segment\"]," + range + "}");
        churn.add("{\"metrics\":[\"churn_rate_pct\"],\"dimensions\":[\"region\"]," + range + "}");
        churn.add("{\"metrics\":[\"rfm_customers\"],\"dimensions\":[\"rfm_segment\"]," + range + "}");
        churn.add(
                "{\"metrics\":[\"rfm_customers\"],\"dimensions\":[\"rfm_segment\",\"region\"]," + range
                        + ",\"filters\":[{\"dimension\":\"rfm_segment\",\"op\":\"in\",\"values\":[\"at_risk\",\"need_attention\"]}]}");
        churn.add(
                "{\"metrics\":[\"retention_pct\",\"cohort_customers\"],\"dimensions\":[\"cohort_month\",\"months_since\"],"
                        + range + "}");
        d.put("churn", churn);
        d.put(
                "campaigns",
                List.of(
                        "{\"metrics\":[\"campaign_roi\"],\"dimensions\":[\"campaign\"]," + range + "}",
                        "{\"metrics\":[\"campaign_cost\",\"campaign_revenue\"],\"dimensions\":[\"campaign\"]," + range
                                + "}",
                        "{\"metrics\":[\"campaign_roi\"],\"dimensions\":[\"channel\"]," + range + "}",
                        "{\"metrics\":[\"campaign_roi\"],\"dimensions\":[\"region\"]," + range + "}",
                        "{\"metrics\":[\"campaign_cost\",\"campaign_revenue\",\"campaign_roi\"],\"dimensions\":[\"campaign\"],"
                                + range + "}"));
        d.put(
                "regions",
                List.of(
                        "{\"metrics\":[\"revenue\",\"nps\",\"csat_top2_pct\",\"churn_rate_pct\",\"complaints_per_1k_orders\",\"sla_compliance_pct\"],"
                                + "\"dimensions\":[\"region\"]," + range + ",\"compareTo\":\"previous_period\"}",
                        "{\"metrics\":[\"revenue\"],\"dimensions\":[\"region\"]," + range + "}"));
        return d;
    }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 0.05;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("pulse-bench-");
        byte[] secret = new byte[12];
        new java.security.SecureRandom().nextBytes(secret);
        String key = "bench-" + HexFormat.of().formatHex(secret);
        SpringApplication app = new SpringApplication(Pulse.class);
        // command-line arguments, not default properties: application.yml would override those
        String[] properties = {
            "--server.port=0",
            "--pulse.data-dir=" + dir,
            "--pulse.warehouse.data-dir=" + dir.resolve("warehouse"),
            "--pulse.demo.enabled=true",
            "--pulse.demo.scale=" + scale,
            "--pulse.dashboards.admin-password=" + key,
            "--pulse.metrics.cache-size=0",
            "--pulse.security.api-keys=" + key + ":EXECUTIVE",
            "--logging.level.root=WARN"
        };
        System.out.printf(
                Locale.ROOT,
                "bench dashboards: demo data scale %s, %d loads per viewer, result cache off; warehouse in %s%n",
                scale,
                rounds,
                dir);
        try (ConfigurableApplicationContext context = app.run(properties)) {
            ClickHouseEngine engine = context.getBean(ClickHouseEngine.class);
            Metrics metrics = context.getBean(Metrics.class);
            waitForDemoData(engine);
            ZoneId zone = ZoneId.of(context.getEnvironment().getProperty("pulse.timezone", "Asia/Shanghai"));
            LocalDate to = LocalDate.now(zone);
            Map<String, List<String>> dashboards = tiles(to.minusDays(90), to);
            URI endpoint = URI.create(
                    "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/api/v1/query");
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Caller caller = new Caller("bench", Role.EXECUTIVE, Scope.ALL);

            System.out.printf(
                    Locale.ROOT,
                    "%-13s %5s %7s | %12s | %8s %8s %8s  (ms)%n",
                    "dashboard",
                    "tiles",
                    "viewers",
                    "raw engine",
                    "p50",
                    "p95",
                    "p95/raw");
            for (Map.Entry<String, List<String>> dashboard : dashboards.entrySet()) {
                List<String> bodies = dashboard.getValue();
                load(http, endpoint, key, bodies); // warm-up: JIT, connections, engine caches
                double raw = rawEngineMillis(engine, metrics, caller, bodies);
                for (int viewers : new int[] {1, 10, 50}) {
                    List<Double> times = Collections.synchronizedList(new ArrayList<>());
                    ConcurrentLinkedQueue<Integer> work = new ConcurrentLinkedQueue<>();
                    for (int i = 0; i < viewers * rounds; i++) {
                        work.add(i);
                    }
                    try (ExecutorService pool = Executors.newFixedThreadPool(viewers)) {
                        List<Future<?>> running = new ArrayList<>();
                        for (int v = 0; v < viewers; v++) {
                            running.add(pool.submit(() -> {
                                while (work.poll() != null) {
                                    times.add(load(http, endpoint, key, bodies));
                                }
                                return null;
                            }));
                        }
                        for (Future<?> f : running) {
                            f.get();
                        }
                    }
                    List<Double> sorted = times.stream().sorted().toList();
                    double p50 = percentile(sorted, 0.50);
                    double p95 = percentile(sorted, 0.95);
                    System.out.printf(
                            Locale.ROOT,
                            "%-13s %5d %7d | %12.1f | %8.1f %8.1f %8.1f%n",
                            dashboard.getKey(),
                            bodies.size(),
                            viewers,
                            raw,
                            p50,
                            p95,
                            p95 / raw);
                }
            }
        }
    }

    /** One page's data: every tile's request at once; milliseconds until the last answer. */
    static double load(HttpClient http, URI endpoint, String key, List<String> bodies) {
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = bodies.stream()
                .map(body -> http.sendAsync(
                        HttpRequest.newBuilder(endpoint)
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("a tile answered " + response.statusCode() + ": " + response.body());
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** The compiled statements of every tile run directly on the engine, one after the other (best of three). */
    static double rawEngineMillis(ClickHouseEngine engine, Metrics metrics, Caller caller, List<String> bodies) {
        List<MetricExplanation.Statement> statements = new ArrayList<>();
        for (String body : bodies) {
            MetricQuery query = JSON.readValue(body, MetricQuery.class);
            statements.addAll(metrics.explain(query, caller).statements());
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            for (MetricExplanation.Statement s : statements) {
                engine.query(s.sql(), s.params());
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return best;
    }

    static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** The demo data loads in the background: waits until the row counts stop growing. */
    static void waitForDemoData(ClickHouseEngine engine) throws InterruptedException {
        long last = -1;
        int stable = 0;
        while (stable < 3) {
            Thread.sleep(2000);
            long rows = ((Number) engine.query(
                                    "SELECT (SELECT count() FROM transactions_raw) + (SELECT count() FROM survey_responses_raw)"
                                            + " + (SELECT count() FROM campaigns_raw)")
                            .single())
                    .longValue();
            stable = rows > 0 && rows == last ? stable + 1 : 0;
            last = rows;
        }
        System.out.printf(Locale.ROOT, "demo data loaded: %,d transaction, response and campaign rows%n", last);
    }
}
