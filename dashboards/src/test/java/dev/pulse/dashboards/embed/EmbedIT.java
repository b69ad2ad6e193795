package dev.pulse.dashboards.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.SeededData;
import dev.pulse.warehouse.Ingestion;
import dev.pulse.warehouse.PulseSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Embedding: a signed token is exchanged for a session locked to one dashboard and region, framable
 * only by the registered origin; expired, tampered, alg none, wrong-dashboard and widened tokens are
 * refused on every path, and no token reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pulse.warehouse.data-dir=target/it-warehouse",
        "pulse.data-dir=target/it-data"})
class EmbedIT {

    static final String ORIGIN = "https://portal.example.com";

    @LocalServerPort
    int port;
    @Autowired
    EmbedApps apps;
    @Autowired
    Ingestion ingestion;
    @Autowired
    PulseSettings pulse;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    EmbedApps.Registered app;

    @BeforeEach
    void register() {
        SeededData.seed(ingestion, pulse.timezone());
        app = apps.register("门户 " + System.nanoTime(), ORIGIN, "test");
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String sign(String secret, String header, String payload) {
        String signed = b64(header) + "." + b64(payload);
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(EmbedTokens.hmac(secret, signed));
    }

    String token(String dashboard, String region, long expiresIn) {
        long exp = Instant.now().getEpochSecond() + expiresIn;
        return sign(app.secret(), "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"iss\":\"" + app.app().id() + "\",\"exp\":" + exp
                + ",\"dashboard\":\"" + dashboard + "\"" + (region == null ? "" : ",\"region\":\"" + region + "\"") + "}");
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> exchange(String dashboard, String token) throws Exception {
        return get("/embed/" + dashboard + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), null);
    }

    static String cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    @Test
    void aValidTokenGivesASessionLockedToItsDashboardAndRegion(CapturedOutput output) throws Exception {
        String token = token("overview", "华东", 600);
        HttpResponse<String> exchanged = exchange("overview", token);
        assertThat(exchanged.statusCode()).isEqualTo(302);
        assertThat(exchanged.headers().firstValue("Location").orElse("")).endsWith("/dashboards/overview?region=%E5%8D%8E%E4%B8%9C");
        String cookie = cookie(exchanged);

        HttpResponse<String> page = get("/dashboards/overview?region=" + URLEncoder.encode("华东", StandardCharsets.UTF_8), cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors " + ORIGIN)
                .contains("script-src 'self'");
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(page.body()).doesNotContain("/admin/users").doesNotContain("id=\"logout\"");

        assertThat(get("/dashboards/overview?region=" + URLEncoder.encode("华南", StandardCharsets.UTF_8), cookie).statusCode())
                .as("a widened region").isEqualTo(403);
        assertThat(get("/dashboards/churn", cookie).statusCode()).as("another dashboard").isEqualTo(403);
        assertThat(get("/admin/users", cookie).statusCode()).as("admin").isEqualTo(403);

        Matcher csrf = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String query = "{\"metrics\":[\"orders\"],\"dimensions\":[\"region\"],\"from\":\"" + LocalDate.now().minusDays(300)
                + "\",\"to\":\"" + LocalDate.now().plusDays(1) + "\"}";
        for (String path : new String[] {"/api/v1/query", "/dashboards/export?format=csv"}) {
            HttpResponse<String> data = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Cookie", cookie).header("X-CSRF-TOKEN", csrf.group(1)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(data.statusCode()).as(path).isEqualTo(200);
            assertThat(data.body()).as(path).contains("华东").doesNotContain("华南", "华北", "西南");
        }
        HttpResponse<String> comments = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/comments?from="
                + LocalDate.now().minusDays(300) + "&to=" + LocalDate.now().plusDays(1) + "&limit=100"))
                .header("Cookie", cookie).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(comments.statusCode()).as("comments").isEqualTo(200);
        assertThat(comments.body()).as("comments").startsWith("{\"comments\":[").doesNotContain("华南", "华北", "西南");
        HttpResponse<String> sql = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sql"))
                .header("Cookie", cookie).header("X-CSRF-TOKEN", csrf.group(1)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT 1\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sql.statusCode()).as("analyst SQL from an embedded session").isEqualTo(403);
        assertThat(get("/api/v1/customers/at-risk?" + lastYear(), cookie).statusCode()).as("at-risk list outside churn").isEqualTo(403);
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    static String lastYear() {
        return "from=" + LocalDate.now().minusDays(300) + "&to=" + LocalDate.now().plusDays(1);
    }

    @Test
    void aChurnEmbedReadsTheAtRiskCustomersOfItsRegionOnly() throws Exception {
        String cookie = cookie(exchange("churn", token("churn", "华东", 600)));
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/customers/at-risk?" + lastYear())).header("Cookie", cookie).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> csv = get("/dashboards/export/at-risk?format=csv&" + lastYear(), cookie);
        for (HttpResponse<String> data : List.of(list, csv)) {
            assertThat(data.statusCode()).as(data.uri().getPath()).isEqualTo(200);
            assertThat(data.body()).as(data.uri().getPath()).contains("华东").doesNotContain("华南", "华北", "西南");
        }
    }

    @Test
    void badTokensAreRefusedWithAReasonAndWithoutTheToken(CapturedOutput output) throws Exception {
        long now = Instant.now().getEpochSecond();
        String id = app.app().id();
        String valid = token("overview", "华东", 600);
        String[] parts = valid.split("\\.");
        String widened = parts[0] + "." + b64("{\"iss\":\"" + id + "\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\",\"region\":\"华南\"}")
                + "." + parts[2];
        String unlocked = parts[0] + "." + b64("{\"iss\":\"" + id + "\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\"}")
                + "." + parts[2];
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String noneSigned = b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2];
        String hs512 = sign(app.secret(), "{\"alg\":\"HS512\"}", "{\"iss\":\"" + id + "\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\"}");
        String otherSecret = sign("not-the-secret", "{\"alg\":\"HS256\"}", "{\"iss\":\"" + id + "\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\"}");
        String[][] cases = {
                {"overview", token("overview", "华东", -5), "expired"},
                {"overview", token("overview", "华东", 3600), "15 minutes"},
                {"overview", sign(app.secret(), "{\"alg\":\"HS256\"}", "{\"iss\":\"" + id + "\",\"dashboard\":\"overview\"}"), "exp is required"},
                {"overview", widened, "signature"},
                {"overview", unlocked, "signature"},
                {"overview", none, "not a signed JWT"},
                {"overview", noneSigned, "HS256"},
                {"overview", hs512, "HS256"},
                {"overview", otherSecret, "signature"},
                {"churn", valid, "another dashboard"},
                {"overview", sign(app.secret(), "{\"alg\":\"HS256\"}", "{\"iss\":\"no-such-app\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\"}"), "unknown issuer"},
                {"overview", sign(app.secret(), "{\"alg\":\"HS256\"}", "{\"iss\":\"" + id + "\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\",\"channel\":\"app\"}"), "unknown claim"},
                {"overview", sign(app.secret(), "{\"alg\":\"HS256\"}", "{\"iss\":\"" + id + "\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\",\"region\":\"火星\"}"), "region"},
                {"overview", "garbage", "not a signed JWT"},
                {"overview", "a.b.c", "base64url JSON"}};
        for (String[] c : cases) {
            HttpResponse<String> refused = exchange(c[0], c[1]);
            assertThat(refused.statusCode()).as(c[2]).isEqualTo(401);
            assertThat(refused.body()).as(c[2]).contains(c[2]).doesNotContain(c[1]);
            assertThat(refused.headers().allValues("Set-Cookie")).as(c[2] + ": no session").isEmpty();
        }
        assertThat(get("/embed/overview", null).statusCode()).isEqualTo(401);
        // a removed application's tokens stop working at once
        apps.remove(id);
        assertThat(exchange("overview", valid).statusCode()).isEqualTo(401);
        assertThat(output.getAll()).doesNotContain(parts[2]);
    }
}
