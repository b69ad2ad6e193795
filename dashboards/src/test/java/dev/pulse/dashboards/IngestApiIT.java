package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.warehouse.ClickHouseEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ingestion API over real HTTP on the embedded engine: counts, rejections, limits, keys and health. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pulse.warehouse.data-dir=target/it-warehouse",
        "pulse.data-dir=target/it-data",
        "pulse.security.api-keys=it-ingest-key:INGEST,it-exec-key:EXECUTIVE,it-admin-key:ADMIN",
        "pulse.ingest.max-body-bytes=1MB",
        "pulse.ingest.max-decompressed-bytes=4MB",
        "pulse.ingest.max-rows=2000"})
class IngestApiIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NDJSON = "application/x-ndjson";

    @LocalServerPort
    int port;
    @Autowired
    ClickHouseEngine engine;
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> post(String path, String key, String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> ingest(String stream, String body, String query) throws IOException, InterruptedException {
        return post("/api/v1/ingest/" + stream + query, "it-ingest-key", NDJSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String transaction(String eventId, String region, String amount) {
        return """
                {"event_id":"%s","transaction_id":"t-%s","customer_id":"c-1","ts":"2026-05-01T08:00:00+08:00","amount":%s,"region":"%s"}"""
                .formatted(eventId, eventId, amount, region);
    }

    long count(String sql, Map<String, ?> params) {
        return ((Number) engine.query(sql, params).single()).longValue();
    }

    @Test
    void storesValidLinesAndCountsThem() throws Exception {
        String prefix = UUID.randomUUID().toString();
        String body = transaction(prefix + "-1", "华东", "12.50") + "\n" + transaction(prefix + "-2", "华南", "-3") + "\n";
        HttpResponse<String> response = ingest("transactions", body, "");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(2);
        assertThat(json(response).get("duplicates").asInt()).isZero();
        assertThat(json(response).get("rejected")).isEmpty();
        assertThat(count("SELECT count() FROM transactions WHERE startsWith(event_id, {p:String})", Map.of("p", prefix)))
                .isEqualTo(2);
    }

    @Test
    void healthIsPublicAndShowsTheEngine() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode engineHealth = json(response).get("components").get("engine");
        assertThat(engineHealth.get("status").asString()).isEqualTo("UP");
        assertThat(engineHealth.get("details").get("mode").asString()).isEqualTo("embedded");
        assertThat(engineHealth.get("details").get("version").asString()).startsWith("26.5");
        assertThat(engineHealth.get("details").get("reachable").asBoolean()).isTrue();
    }

    @Test
    void withoutAKeyIs401AndAnExecutiveKeyIs403() throws Exception {
        byte[] body = transaction("x", "华东", "1").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> none = post("/api/v1/ingest/transactions", null, NDJSON, body);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        HttpResponse<String> wrong = post("/api/v1/ingest/transactions", "no-such-key", NDJSON, body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("no-such-key");
        HttpResponse<String> executive = post("/api/v1/ingest/transactions", "it-exec-key", NDJSON, body);
        assertThat(executive.statusCode()).isEqualTo(403);
        assertThat(json(executive).get("status").asInt()).isEqualTo(403);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static List<String> lines(String body) {
        return body.lines().toList();
    }
}
