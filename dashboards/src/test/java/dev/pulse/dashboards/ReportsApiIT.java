package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Report runs over real HTTP with API keys: a regional manager runs and downloads only their own region. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pulse.warehouse.data-dir=target/it-warehouse",
        "pulse.data-dir=./target/it-data",
        "pulse.security.api-keys=it-east-key:REGIONAL_MANAGER:华东,it-southwest-key:REGIONAL_MANAGER:西南,"
                + "it-exec-key:EXECUTIVE,it-ingest-key:INGEST,it-quality-key:QUALITY"})
class ReportsApiIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MAY = "\"from\":\"2026-05-01\",\"to\":\"2026-06-01\"";

    @LocalServerPort
    int port;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRegionalManagerRunsFollowsAndDownloadsTheirRegionsReport() throws Exception {
        HttpResponse<String> started = post("/api/v1/reports/regional-performance/runs", "it-east-key",
                "{\"region\":\"华东\"," + MAY + ",\"format\":\"pdf\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = json(started).get("id").asString();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/reports/runs/" + id);
        assertThat(json(started).get("status").asString()).isEqualTo("QUEUED");

        JsonNode done = awaitFinished(id, "it-east-key");
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("region").asString()).isEqualTo("华东");

        HttpResponse<byte[]> file = getBytes("/api/v1/reports/runs/" + id + "/file", "it-east-key");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(file.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body()));
        assertThat(file.headers().firstValue("X-Content-SHA256")).hasValue(sha);
        assertThat(done.get("sha256").asString()).isEqualTo(sha);
        assertThat(URLDecoder.decode(file.headers().firstValue("Content-Disposition").orElseThrow(), StandardCharsets.UTF_8))
                .contains("attachment", "区域经营报告-华东-2026-05-01_2026-05-31.pdf");
    }

    @Test
    void aRegionalManagerCannotRunOrDownloadAnotherRegionsReport() throws Exception {
        HttpResponse<String> refused = post("/api/v1/reports/regional-performance/runs", "it-southwest-key",
                "{\"region\":\"华东\"," + MAY + "}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("field").asString()).isEqualTo("region");

        String id = json(post("/api/v1/reports/regional-performance/runs", "it-east-key", "{\"region\":\"华东\"," + MAY + "}"))
                .get("id").asString();
        awaitFinished(id, "it-east-key");

        assertThat(get("/api/v1/reports/runs/" + id, "it-southwest-key").statusCode()).isEqualTo(404);
        assertThat(getBytes("/api/v1/reports/runs/" + id + "/file", "it-southwest-key").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/reports/runs/" + id, "it-exec-key").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "regional-performance | {\"region\":\"华东\",\"from\":\"2026-13-01\",\"to\":\"2026-06-01\"} | 400 | from",
            "regional-performance | {\"region\":\"华东\",\"from\":\"2026-05-01\"}                      | 400 | to",
            "regional-performance | {\"region\":\"火星\",\"from\":\"2026-05-01\",\"to\":\"2026-06-01\"} | 400 | region",
            "regional-performance | {\"region\":7,\"from\":\"2026-05-01\",\"to\":\"2026-06-01\"}        | 400 | region",
            "regional-performance | {\"region\":\"华东\",\"from\":\"2026-05-01\",\"to\":\"2026-06-01\",\"sql\":\"x\"} | 400 | sql",
            "regional-performance | {\"region\":\"华东\",\"from\":\"2026-05-01\",\"to\":\"2026-06-01\",\"format\":\"xlsx\"} | 400 | format",
            "regional-performance | {not json                                                           | 400 | body",
            "regional-performance | [1,2]                                                               | 400 | body",
            "sales-forecast       | {\"from\":\"2026-05-01\",\"to\":\"2026-06-01\"}                      | 404 | report"
    })
    void badRequestsAreProblemsNamingTheField(String report, String body, int status, String field) throws Exception {
        HttpResponse<String> response = post("/api/v1/reports/" + report + "/runs", "it-exec-key", body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("field").asString()).isEqualTo(field);
    }

    @Test
    void withoutAKeyIs401AndAnIngestKeyIs403() throws Exception {
        String body = "{\"region\":\"华东\"," + MAY + "}";
        assertThat(post("/api/v1/reports/regional-performance/runs", null, body).statusCode()).isEqualTo(401);
        assertThat(post("/api/v1/reports/regional-performance/runs", "it-ingest-key", body).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/reports/runs/no-such-run", "it-exec-key").statusCode()).isEqualTo(404);
    }

    @Test
    void theQualityTeamCreatesAndListsSchedulesWithTheirNextRun() throws Exception {
        String body = """
                {"name":"月报","cron":"0 0 8 1 * ?","periodRule":"PREVIOUS_MONTH","regions":["华东","西南"],
                 "recipients":{"华东":["east@pulse.test"],"西南":["sw@pulse.test"]}}""";

        HttpResponse<String> created = post("/api/v1/reports/schedules", "it-quality-key", body);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode schedule = json(created);
        assertThat(schedule.get("zone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(schedule.get("nextRun").asString()).endsWith("T00:00:00Z");
        assertThat(schedule.get("recipients").get("西南").get(0).asString()).isEqualTo("sw@pulse.test");

        JsonNode list = json(get("/api/v1/reports/schedules", "it-quality-key"));
        assertThat(list.valueStream().map(s -> s.get("id").asString())).contains(schedule.get("id").asString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "it-quality-key | {\"name\":\"x\",\"cron\":\"every day\",\"periodRule\":\"PREVIOUS_MONTH\",\"regions\":[\"华东\"],\"recipients\":{\"华东\":[\"a@pulse.test\"]}} | 400 | cron",
            "it-quality-key | {\"name\":\"x\",\"cron\":\"0 0 8 * * ?\",\"periodRule\":\"PREVIOUS_MONTH\",\"regions\":[\"华东\"],\"recipients\":{\"华东\":[\"not-an-address\"]}} | 400 | recipients.华东",
            "it-quality-key | {\"name\":\"x\",\"cron\":\"0 0 8 * * ?\",\"periodRule\":\"YEARLY\"} | 400 | periodRule",
            "it-east-key    | {\"name\":\"x\"} | 403 | null"
    })
    void schedulesAreForQualityAndAdminsAndBadOnesNameTheField(String key, String body, int status, String field)
            throws Exception {
        HttpResponse<String> response = post("/api/v1/reports/schedules", key, body);

        assertThat(response.statusCode()).isEqualTo(status);
        if (!"null".equals(field)) {
            assertThat(json(response).get("field").asString()).isEqualTo(field);
        }
    }

    private JsonNode awaitFinished(String id, String key) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> json(get("/api/v1/reports/runs/" + id, key)),
                        run -> run.get("status").asString().matches("SUCCEEDED|FAILED"));
    }

    private HttpResponse<String> post(String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> getBytes(String path, String key) throws IOException, InterruptedException {
        return http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return key == null ? request : request.header("Authorization", "Bearer " + key);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
