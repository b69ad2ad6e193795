package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Role;
import dev.pulse.warehouse.ClickHouseEngine;
import java.io.ByteArrayInputStream;
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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The ingestion API over real HTTP on the embedded engine: counts, rejections, limits, keys and health. */
@PulseApplicationTest
// small ingestion limits, so that the test crosses each: its own context
@TestPropertySource(
        properties = {
            "pulse.ingest.max-body-bytes=1MB",
            "pulse.ingest.max-decompressed-bytes=4MB",
            "pulse.ingest.max-rows=2000"
        })
class IngestApiIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NDJSON = "application/x-ndjson";

    @LocalServerPort
    int port;

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    Accounts accounts;

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
                {"event_id":"%s","transaction_id":"t-%s","customer_id":"c-1","ts":"2026-05-01T08:00:00+08:00","amount":%s,"region":"%s"}""".formatted(eventId, eventId, amount, region);
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
        assertThat(count(
                        "SELECT count() FROM transactions WHERE startsWith(event_id, {p:String})", Map.of("p", prefix)))
                .isEqualTo(2);
    }

    HttpResponse<String> health(String header, String value) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"));
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsPublicWithItsStatusOnlyAndShowsTheEngineAndOutboxToAnAdmin() throws Exception {
        for (HttpResponse<String> statusOnly : List.of(
                health(null, null),
                health("Authorization", "Bearer it-exec-key"),
                health(
                        "Cookie",
                        new WebSessions(port, accounts).signIn(Role.EXECUTIVE).cookie()))) {
            assertThat(statusOnly.statusCode()).isEqualTo(200);
            assertThat(json(statusOnly).get("status").asString()).isEqualTo("UP");
            assertThat(json(statusOnly).has("components"))
                    .as("no components for "
                            + statusOnly.request().headers().map().keySet())
                    .isFalse();
            assertThat(statusOnly.body()).doesNotContain("version", "pending", "path");
        }
        for (HttpResponse<String> admin : List.of(
                health("Authorization", "Bearer it-admin-key"),
                health(
                        "Cookie",
                        new WebSessions(port, accounts).signIn(Role.ADMIN).cookie()))) {
            assertThat(admin.statusCode()).isEqualTo(200);
            JsonNode engineHealth = json(admin).get("components").get("engine");
            assertThat(engineHealth.get("status").asString()).isEqualTo("UP");
            assertThat(engineHealth.get("details").get("mode").asString()).isEqualTo("embedded");
            assertThat(engineHealth.get("details").get("version").asString()).startsWith("26.5");
            assertThat(engineHealth.get("details").get("reachable").asBoolean()).isTrue();
            JsonNode outbox = json(admin).get("components").get("warehouseOutbox");
            assertThat(outbox.get("status").asString()).isEqualTo("UP");
            assertThat(outbox.get("details").get("pending").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(json(admin)
                            .get("components")
                            .get("diskSpace")
                            .get("details")
                            .has("path"))
                    .isTrue();
        }
        assertThat(health("Authorization", "Bearer not-a-key").statusCode()).isEqualTo(401);
    }

    @Test
    void withoutAKeyIs401AndAnExecutiveKeyIs403() throws Exception {
        byte[] body = transaction("x", "华东", "1").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> none = post("/api/v1/ingest/transactions", null, NDJSON, body);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(none).get("status").asInt()).isEqualTo(401);
        assertThat(json(none).get("detail").asString()).startsWith("authentication required");
        assertThat(json(none).get("instance").asString()).isEqualTo("/api/v1/ingest/transactions");
        HttpResponse<String> wrong = post("/api/v1/ingest/transactions", "no-such-key", NDJSON, body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("no-such-key");
        assertThat(json(wrong).get("detail").asString()).isEqualTo("the API key is not valid");
        HttpResponse<String> executive = post("/api/v1/ingest/transactions", "it-exec-key", NDJSON, body);
        assertThat(executive.statusCode()).isEqualTo(403);
        assertThat(json(executive).get("status").asInt()).isEqualTo(403);
    }

    @Test
    void line517Of1000ListsExactlyWhatWasNotStored() throws Exception {
        String prefix = UUID.randomUUID().toString();
        String body = IntStream.rangeClosed(1, 1000)
                .mapToObj(i -> transaction(prefix + "-" + i, i == 517 ? "火星" : "华北", "1.10"))
                .collect(Collectors.joining("\n"));
        HttpResponse<String> response = ingest("transactions", body, "");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = json(response);
        assertThat(result.get("accepted").asInt()).isEqualTo(999);
        assertThat(result.get("duplicates").asInt()).isZero();
        assertThat(result.get("rejected").size()).isEqualTo(1);
        assertThat(result.get("rejected").get(0).get("line").asLong()).isEqualTo(517);
        assertThat(result.get("rejected").get(0).get("field").asString()).isEqualTo("region");
        assertThat(result.get("rejected").get(0).get("error").asString()).startsWith("must be one of");
        assertThat(count(
                        "SELECT count() FROM transactions WHERE startsWith(event_id, {p:String})", Map.of("p", prefix)))
                .isEqualTo(999);
        assertThat(count(
                        "SELECT count() FROM transactions WHERE event_id = {id:String}", Map.of("id", prefix + "-517")))
                .isZero();
    }

    @Test
    void anAtomicBatchWithABadLineIs422AndStoresNothing() throws Exception {
        String prefix = UUID.randomUUID().toString();
        String body = transaction(prefix + "-1", "华东", "1") + "\n" + transaction(prefix + "-2", "华东", "\"1\"");
        HttpResponse<String> response = ingest("transactions", body, "?atomic=true");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("accepted").asInt()).isZero();
        assertThat(problem.get("rejected").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(problem.get("rejected").get(0).get("field").asString()).isEqualTo("amount");
        assertThat(count(
                        "SELECT count() FROM transactions_raw WHERE startsWith(event_id, {p:String})",
                        Map.of("p", prefix)))
                .isZero();
    }

    @Test
    void aRetriedBatchIsStoredOnce() throws Exception {
        String prefix = UUID.randomUUID().toString();
        String body = transaction(prefix + "-1", "华东", "5") + "\n" + transaction(prefix + "-2", "华东", "6") + "\n";
        assertThat(json(ingest("transactions", body, "")).get("accepted").asInt())
                .isEqualTo(2);
        JsonNode retry = json(ingest("transactions", body, ""));
        assertThat(retry.get("accepted").asInt()).isZero();
        assertThat(retry.get("duplicates").asInt()).isEqualTo(2);
        assertThat(count(
                        "SELECT count() FROM transactions_raw WHERE startsWith(event_id, {p:String})",
                        Map.of("p", prefix)))
                .isEqualTo(2);
    }

    @Test
    void acceptsGzipAndCsv() throws Exception {
        String prefix = UUID.randomUUID().toString();
        byte[] ndjson = (transaction(prefix + "-1", "西南", "1") + "\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> gz =
                post("/api/v1/ingest/transactions", "it-ingest-key", NDJSON, gzip(ndjson), "Content-Encoding", "gzip");
        assertThat(gz.statusCode()).isEqualTo(200);
        assertThat(json(gz).get("accepted").asInt()).isEqualTo(1);
        String csv = "event_id,transaction_id,customer_id,ts,amount,region,product_category\r\n" + prefix
                + "-2,t,c,2026-05-01T08:00:00Z,9.99,西南,\"图书, 音像\"\r\n";
        HttpResponse<String> fromCsv = post(
                "/api/v1/ingest/transactions",
                "it-admin-key",
                "text/csv; charset=utf-8",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(fromCsv.statusCode()).isEqualTo(200);
        assertThat(json(fromCsv).get("accepted").asInt()).isEqualTo(1);
        assertThat(engine.query(
                                "SELECT product_category FROM transactions WHERE event_id = {id:String}",
                                Map.of("id", prefix + "-2"))
                        .single())
                .isEqualTo("图书, 音像");
    }

    @Test
    void aGzipBombIs413AtTheDecompressedLimit() throws Exception {
        byte[] bomb = gzip(new byte[20 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(1024 * 1024);
        HttpResponse<String> response =
                post("/api/v1/ingest/transactions", "it-ingest-key", NDJSON, bomb, "Content-Encoding", "gzip");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("detail").asString()).contains("decompressed body is larger than 4194304 bytes");
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutContentLength() throws Exception {
        String line = """
                {"event_id":"x","survey_id":"q","ts":"2026-05-01T08:00:00Z","region":"华东","nps_score":1,"comment":"%s"}
                """.formatted("长".repeat(700));
        byte[] big = line.repeat(700).getBytes(StandardCharsets.UTF_8);
        assertThat(big.length).isBetween(1024 * 1024, 2 * 1024 * 1024);
        HttpResponse<String> declared = post("/api/v1/ingest/survey-responses", "it-ingest-key", NDJSON, big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).get("detail").asString()).contains("larger than 1048576 bytes");

        HttpResponse<String> streamed = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/survey-responses"))
                        .header("Authorization", "Bearer it-ingest-key")
                        .header("Content-Type", NDJSON)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(json(streamed).get("detail").asString()).contains("the body is larger than 1048576 bytes");
        assertThat(count("SELECT count() FROM survey_responses_raw WHERE event_id = 'x'", Map.of()))
                .isZero();
    }

    @Test
    void tooManyRowsIs413() throws Exception {
        String body = IntStream.rangeClosed(1, 2_001)
                .mapToObj(i -> transaction("many-" + i, "华东", "1"))
                .collect(Collectors.joining("\n"));
        HttpResponse<String> response = ingest("transactions", body, "");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("detail").asString()).contains("more than 2000 records");
        assertThat(count("SELECT count() FROM transactions_raw WHERE startsWith(event_id, 'many-')", Map.of()))
                .isZero();
    }

    @Test
    void wrongContentTypeIs415AndUnknownStreamIs404() throws Exception {
        byte[] body = transaction("y", "华东", "1").getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("application/json", "text/plain", "text/csv; charset=gbk")) {
            HttpResponse<String> response = post("/api/v1/ingest/transactions", "it-ingest-key", type, body);
            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        HttpResponse<String> noType = post("/api/v1/ingest/transactions", "it-ingest-key", null, body);
        assertThat(noType.statusCode()).isEqualTo(415);
        HttpResponse<String> unknown = post("/api/v1/ingest/orders", "it-ingest-key", NDJSON, body);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("detail").asString()).contains("transactions");
    }

    @Test
    void aWrongMethodOrMissingStreamIsRefused() throws Exception {
        // no handler matches these, so Spring Boot's error page answers; no module advice applies
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/transactions"))
                        .header("Authorization", "Bearer it-ingest-key")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> noStream = post("/api/v1/ingest/", "it-ingest-key", NDJSON, new byte[0]);
        assertThat(noStream.statusCode()).isEqualTo(404);
    }

    @Test
    void badCsvHeaderIs400NamingTheColumn() throws Exception {
        HttpResponse<String> response = post(
                "/api/v1/ingest/transactions",
                "it-ingest-key",
                "text/csv",
                "event_id;ts;amount\ne;2026-05-01T08:00:00Z;1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("line").asLong()).isEqualTo(1);
        assertThat(json(response).get("field").asString()).isEqualTo("event_id;ts;amount");
    }

    @Test
    void invalidUtf8IsRejectedWithItsLine() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((transaction("u-" + UUID.randomUUID(), "华东", "1") + "\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}', '\n'});
        HttpResponse<String> response =
                post("/api/v1/ingest/transactions", "it-ingest-key", NDJSON, body.toByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(1);
        assertThat(json(response).get("rejected").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(json(response).get("rejected").get(0).get("error").asString())
                .startsWith("invalid UTF-8");
    }

    @Test
    void chineseTextRoundTrips() throws Exception {
        String id = UUID.randomUUID().toString();
        String line = """
                {"event_id":"%s","feedback_id":"反馈-1","ts":"2026-05-01T08:00:00+08:00","region":"东北","category":"praise","text":"客服态度很好，点赞 👍"}""".formatted(id);
        HttpResponse<String> response =
                post("/api/v1/ingest/feedback", "it-ingest-key", NDJSON, line.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        List<Object> row = engine.query(
                        "SELECT feedback_id, region, text FROM feedback WHERE event_id = {id:String}", Map.of("id", id))
                .rows()
                .getFirst();
        assertThat(row).containsExactly("反馈-1", "东北", "客服态度很好，点赞 👍");
    }

    @Test
    void otherActuatorEndpointsAndPagesNeedAuthentication() throws Exception {
        for (String path : List.of("/actuator", "/actuator/env", "/actuator/metrics", "/dashboards")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<String> survey = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/s/no-such-survey"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(survey.statusCode()).isNotIn(401, 403);
    }

    @Test
    void anAdminKeyMayIngestAndABadAtomicFlagIs400() throws Exception {
        String body = transaction(UUID.randomUUID().toString(), "华东", "1");
        HttpResponse<String> admin =
                post("/api/v1/ingest/transactions", "it-admin-key", NDJSON, body.getBytes(StandardCharsets.UTF_8));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(json(admin).get("accepted").asInt()).isEqualTo(1);
        HttpResponse<String> flag = ingest("transactions", body, "?atomic=maybe");
        assertThat(flag.statusCode()).isEqualTo(400);
        assertThat(json(flag).get("field").asString()).isEqualTo("atomic");
        HttpResponse<String> basic = post(
                "/api/v1/ingest/transactions",
                null,
                NDJSON,
                body.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Basic aXQ6aXQ=");
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    /** A bean of another module guarded the way the brief tells them to. */
    static class Guarded {
        @PreAuthorize("hasAnyRole('QUALITY','ADMIN')")
        String cases() {
            return "cases";
        }
    }

    /** Registers the guarded bean in this test's context only. */
    @TestConfiguration
    static class GuardedConfiguration {
        @Bean
        Guarded guarded() {
            return new Guarded();
        }
    }

    @Autowired
    Guarded guarded;

    @Test
    void methodSecurityIsOnForOtherModules() {
        try {
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            "q", null, List.of(new SimpleGrantedAuthority("ROLE_QUALITY"))));
            assertThat(guarded.cases()).isEqualTo("cases");
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            "e", null, List.of(new SimpleGrantedAuthority("ROLE_EXECUTIVE"))));
            assertThatThrownBy(guarded::cases).isInstanceOf(AccessDeniedException.class);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
