package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.ClickHouseEngine.InputFormat;
import dev.pulse.warehouse.query.AnalystSql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * While slow analyst queries hold every analyst slot, a further one is turned away with 429 and
 * {@code Retry-After}, and ingestion and the metric API still answer: analysts cannot take the
 * engine's connections from the rest of the service. The slow queries are genuinely heavy SQL (a
 * four-way join on one customer's thousand purchases, 10^12 rows) that the time limit stops.
 */
@PulseApplicationTest
// two analyst slots, and a time limit that stops the heavy joins well after the rest answered (under 1 s on a
// loaded 2-core machine) without keeping the suite waiting: a context of its own
@TestPropertySource(properties = {"pulse.warehouse.query.max-concurrent=2", "pulse.warehouse.query.timeout=10s"})
class AnalystSqlSlotsIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    AnalystSql analystSql;
    // HTTP/1.1: a connection per request in flight, none waiting behind another for an upgrade
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpRequest post(String path, String key, String contentType, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    HttpRequest sql(String sql) {
        return post("/api/v1/sql", "slots-analyst", "application/json", JSON.writeValueAsString(Map.of("sql", sql)));
    }

    @Test
    void slowAnalystQueriesNeitherPassTheirLimitNorStarveIngestionAndDashboards() throws Exception {
        String prefix = "slots-" + UUID.randomUUID();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add("""
                    {"event_id":"%s-%d","transaction_id":"x","customer_id":"%s-c","ts":"2026-05-01 00:00:00","amount":"1","region":"华东"}""".formatted(prefix, i, prefix));
        }
        engine.insert(
                "transactions_raw",
                InputFormat.JSON_EACH_ROW,
                String.join("\n", rows).getBytes(StandardCharsets.UTF_8));
        String heavy = ("SELECT sum(a.amount + b.amount + c.amount + d.amount) FROM transactions a "
                        + "JOIN transactions b ON b.customer_id = a.customer_id JOIN transactions c ON c.customer_id = a.customer_id "
                        + "JOIN transactions d ON d.customer_id = a.customer_id WHERE a.customer_id = '%s-c'")
                .formatted(prefix);

        List<CompletableFuture<HttpResponse<String>>> slow = List.of(
                http.sendAsync(sql(heavy), HttpResponse.BodyHandlers.ofString()),
                http.sendAsync(sql(heavy), HttpResponse.BodyHandlers.ofString()));
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(analystSql.running())
                        .as("both heavy joins hold an analyst slot")
                        .isEqualTo(2));
        System.out.println( // console: timings of the run
                "both analyst slots taken after " + (System.nanoTime() - start) / 1_000_000 + " ms");

        for (CompletableFuture<HttpResponse<String>> query : slow) {
            assertThat(query.isDone())
                    .as(() -> "a heavy join already answered " + query.join().body())
                    .isFalse();
        }
        long sent = System.nanoTime();
        HttpResponse<String> extra = http.send(
                sql("SELECT count(*) FROM transactions WHERE customer_id = '" + prefix + "-c'"),
                HttpResponse.BodyHandlers.ofString());
        System.out.println( // console: timings of the run
                "the extra analyst query was answered in " + (System.nanoTime() - sent) / 1_000_000 + " ms");
        assertThat(extra.statusCode()).as(extra.body()).isEqualTo(429);
        assertThat(extra.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(extra.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(extra.body()).get("detail").asString())
                .contains("pulse.warehouse.query.max-concurrent");

        HttpResponse<String> ingest = http.send(
                post("/api/v1/ingest/transactions", "slots-ingest", "application/x-ndjson", """
                {"event_id":"%s-late","transaction_id":"x","customer_id":"%s-other","ts":"2026-05-01T00:00:00Z","amount":2,"region":"华南"}
                """.formatted(
                                prefix, prefix)),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metric = http.send(
                post("/api/v1/query", "slots-exec", "application/json", """
                {"metrics": ["revenue"], "dimensions": ["region"], "from": "2026-05-01", "to": "2026-05-02"}"""), HttpResponse.BodyHandlers.ofString());

        assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
        assertThat(JSON.readTree(ingest.body()).get("accepted").asInt()).isEqualTo(1);
        assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
        assertThat(metric.body()).contains("华南");
        assertThat(slow).as("the analyst queries still ran meanwhile").noneMatch(CompletableFuture::isDone);
        System.out.println( // console: timings of the run
                "ingest and metric query answered after " + (System.nanoTime() - start) / 1_000_000 + " ms");

        for (CompletableFuture<HttpResponse<String>> query : slow) {
            HttpResponse<String> stopped = query.get(60, TimeUnit.SECONDS);
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(422);
            JsonNode problem = JSON.readTree(stopped.body());
            assertThat(problem.get("limit").asString()).isEqualTo("max_execution_time");
            assertThat(problem.get("value").asLong()).isEqualTo(10);
        }
        HttpResponse<String> after = http.send(
                sql("SELECT count(*) FROM transactions WHERE customer_id = '" + prefix + "-c'"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).get("rows").toString()).isEqualTo("[[1000]]");
    }
}
