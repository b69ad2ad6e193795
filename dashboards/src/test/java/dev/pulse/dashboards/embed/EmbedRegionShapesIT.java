package dev.pulse.dashboards.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.dashboards.RegionShapes;
import dev.pulse.dashboards.SeededData;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.Ingestion;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A 华东 embed grant cannot widen its region with what its page sends: metric filters on other regions and
 * provinces, region and province dimensions, region parameters of comments and at-risk customers. Each
 * answer equals the executive's answer to the same request narrowed to 华东.
 */
@PulseApplicationTest
class EmbedRegionShapesIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    EmbedApps apps;

    @Autowired
    Ingestion ingestion;

    @Autowired
    PulseSettings pulse;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    EmbedApps.Registered app;

    @BeforeEach
    void register() {
        SeededData.seed(ingestion, pulse.timezone());
        app = apps.register("门户 " + System.nanoTime(), "https://portal.example.com", "test");
    }

    /** The grant of a 华东 page of {@code dashboard}, as its scripts send it back. */
    String eastGrant(String dashboard) throws Exception {
        long exp = Instant.now().getEpochSecond() + 600;
        String token = EmbedIT.sign(
                app.secret(),
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"iss\":\"" + app.app().id() + "\",\"exp\":" + exp + ",\"dashboard\":\"" + dashboard
                        + "\",\"region\":\"华东\"}");
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(uri("/embed/" + dashboard + "?token=" + enc(token)))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return EmbedIT.grant(page);
    }

    @Test
    void metricRequestsOfAnEastGrantAnswerAsAnExecutiveNarrowedToTheEast() throws Exception {
        String grant = eastGrant("overview");
        for (String filter : RegionShapes.FILTERS) {
            for (String dimensions : List.of("", "region", "province", "region,province", "channel")) {
                String sent = RegionShapes.metricRequest("orders,revenue,nps,feedback", dimensions, filter, false);
                HttpResponse<String> embedded = send("/api/v1/query", EmbedGrants.HEADER, grant, sent);
                HttpResponse<String> executive = send(
                        "/api/v1/query",
                        "Authorization",
                        "Bearer rs-exec-key",
                        RegionShapes.metricRequest("orders,revenue,nps,feedback", dimensions, filter, true));
                assertThat(embedded.statusCode())
                        .as(sent + ": " + embedded.body())
                        .isEqualTo(200);
                assertThat(JSON.readTree(embedded.body()).get("rows"))
                        .as(sent)
                        .isEqualTo(JSON.readTree(executive.body()).get("rows"));
                if (filter.isEmpty() && dimensions.startsWith("region")) {
                    assertThat(JSON.readTree(embedded.body()).get("rows").toString())
                            .as(sent)
                            .contains("华东")
                            .doesNotContain("华南", "华北", "西南");
                }
            }
        }
    }

    @Test
    void commentsAndAtRiskCustomersOfAnEastGrantAreTheEastsWhateverRegionIsAsked() throws Exception {
        String range =
                "from=" + LocalDate.now(pulse.timezone()).minusDays(200) + "&to=" + LocalDate.now(pulse.timezone());
        List<String> paths =
                List.of("/api/v1/comments?limit=100&" + range, "/api/v1/customers/at-risk?limit=500&" + range);
        List<String> grants = List.of(eastGrant("overview"), eastGrant("churn"));
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            JsonNode expected = rowsOf(get(path + "&region=" + enc("华东"), "Authorization", "Bearer rs-exec-key"));
            assertThat(expected.size()).as(path).isPositive();
            for (String region : List.of("", "华东", "华南", "西南", "华南,华北")) {
                HttpResponse<String> embedded = get(
                        path + (region.isEmpty() ? "" : "&region=" + enc(region)), EmbedGrants.HEADER, grants.get(i));
                assertThat(embedded.statusCode())
                        .as(path + " " + region + ": " + embedded.body())
                        .isIn(200, 400);
                if (embedded.statusCode() == 400) {
                    assertThat(JSON.readTree(embedded.body()).get("field").asString())
                            .isEqualTo("region");
                } else if (region.isEmpty() || region.equals("华东")) {
                    assertThat(rowsOf(embedded)).as(path + " " + region).isEqualTo(expected);
                } else {
                    assertThat(rowsOf(embedded)).as(path + " " + region).isEmpty();
                }
            }
        }
    }

    static JsonNode rowsOf(HttpResponse<String> response) {
        JsonNode body = JSON.readTree(response.body());
        return body.has("rows") ? body.get("rows") : body.get("comments");
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<String> send(String path, String header, String value, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header(header, value)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String header, String value) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header(header, value)
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
