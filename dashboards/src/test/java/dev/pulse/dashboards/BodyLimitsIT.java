package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.FormContentFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON request bodies of every API are bounded by {@code pulse.kernel.json-body-limit} (1 MB here,
 * the default) before any reader buffers them, and a metric request carries at most
 * {@code pulse.metrics.max-filters} filters; over real HTTP against the whole application.
 */
@PulseApplicationTest
class BodyLimitsIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int LIMIT = 1024 * 1024;
    static final String QUERY = """
            {"metrics": ["responses"], "dimensions": ["region"], "from": "2019-03-01", "to": "2019-04-01"}""";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> post(String path, String key, String contentType, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + key)
                .POST(body);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A JSON document of exactly {@code size} bytes: {@code json} followed by spaces. */
    static byte[] padded(String json, int size) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[size];
        java.util.Arrays.fill(out, (byte) ' ');
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("detail").asString())
                .isEqualTo("the request body is larger than 1048576 bytes (pulse.kernel.json-body-limit)");
        assertThat(problem.get("limit").asLong()).isEqualTo(LIMIT);
        assertThat(problem.get("field").asString()).isEqualTo("body");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/v1/query",
                "/api/v1/sql",
                "/api/v1/surveys",
                "/api/v1/surveys/s-1/invitations",
                "/api/v1/cases/c-1/notes",
                "/api/v1/reports/regional/runs",
                "/api/v1/reports/schedules",
                "/api/v1/invitation-rules"
            })
    void aBodyOfTwentyMegabytesIsRefusedWith413NamingTheLimit(String path) throws Exception {
        HttpResponse<String> response = post(
                path,
                "limits-admin",
                "application/json",
                HttpRequest.BodyPublishers.ofByteArray(padded("{\"sql\": \"SELECT 1\"}", 20 * 1024 * 1024)));
        assertTooLarge(response);
    }

    @Test
    void aBodyOfAnotherTypeOnAnApiIsBoundedTooAndNothingReadsItBefore() throws Exception {
        // Spring's FormContentFilter would read a PUT form whole before security and this limit; it is off
        assertThat(context.getBeansOfType(FormContentFilter.class)).isEmpty();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/surveys/s-1"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Bearer limits-admin")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(padded("a=b", 20 * 1024 * 1024)))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertTooLarge(response);
    }

    @Test
    void aChunkedBodyIsCountedAsItArrives() throws Exception {
        // no Content-Length: the limit is crossed while reading, not by a declared length
        InputStream twentyMegabytes = new SequenceInputStream(
                new ByteArrayInputStream("{\"sql\": \"".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(new byte[20 * 1024 * 1024]));
        HttpResponse<String> response = post(
                "/api/v1/sql",
                "limits-admin",
                "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> twentyMegabytes));
        assertTooLarge(response);
    }

    /** One setting bounds the filter and kernel's StrictJson behind it: a body the filter passes, the reader reads. */
    @Test
    void aBodyOfExactlyTheLimitIsReadAndOneByteMoreIsNot() throws Exception {
        HttpResponse<String> atLimit = post(
                "/api/v1/query",
                "limits-admin",
                "application/json",
                HttpRequest.BodyPublishers.ofByteArray(padded(QUERY, LIMIT)));
        assertThat(atLimit.statusCode()).as(atLimit.body()).isEqualTo(200);
        assertThat(JSON.readTree(atLimit.body()).get("columns")).isNotNull();

        assertTooLarge(post(
                "/api/v1/query",
                "limits-admin",
                "application/json",
                HttpRequest.BodyPublishers.ofByteArray(padded(QUERY, LIMIT + 1))));
    }

    @Test
    void aChunkedBodyWithinTheLimitIsHandedOnWhole() throws Exception {
        byte[] body = padded(QUERY, LIMIT);
        HttpResponse<String> response = post(
                "/api/v1/query",
                "limits-admin",
                "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("columns")).isNotNull();
    }

    @Test
    void ingestionKeepsItsOwnLargerLimit() throws Exception {
        String prefix = java.util.UUID.randomUUID().toString();
        StringBuilder rows = new StringBuilder();
        int n = 0;
        while (rows.length() < 2 * LIMIT) {
            rows.append("""
                    {"event_id":"%s-%d","transaction_id":"t-%s-%d","customer_id":"c-1","ts":"2026-05-01T08:00:00+08:00","amount":12.50,"region":"华东"}
                    """.formatted(prefix, n, prefix, n));
            n++;
        }
        HttpResponse<String> response = post(
                "/api/v1/ingest/transactions",
                "limits-ingest",
                "application/x-ndjson",
                HttpRequest.BodyPublishers.ofString(rows.toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(n);
    }

    @Test
    void tenThousandFiltersAreRefusedNamingTheCountAndTheLimit() throws Exception {
        Map<String, Object> filter = Map.of("dimension", "region", "op", "in", "values", java.util.List.of("华东"));
        Map<String, Object> query = new java.util.LinkedHashMap<>(JSON.readValue(QUERY, Map.class));
        query.put("filters", Collections.nCopies(10_000, filter));
        String body = JSON.writeValueAsString(query);
        assertThat(body.length()).isLessThan(LIMIT);

        HttpResponse<String> response =
                post("/api/v1/query", "limits-admin", "application/json", HttpRequest.BodyPublishers.ofString(body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("field").asString()).isEqualTo("filters");
        assertThat(problem.get("detail").asString())
                .isEqualTo("10000 filters; at most 50 per request (pulse.metrics.max-filters)");
    }

    @Test
    void fiftyFiltersAreAnswered() throws Exception {
        Map<String, Object> filter = Map.of("dimension", "region", "op", "in", "values", java.util.List.of("华东"));
        Map<String, Object> query = new java.util.LinkedHashMap<>(JSON.readValue(QUERY, Map.class));
        query.put("filters", Collections.nCopies(50, filter));
        HttpResponse<String> response = post(
                "/api/v1/query",
                "limits-admin",
                "application/json",
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(query)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
