package dev.pulse.dashboards.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.dashboards.SeededData;
import dev.pulse.dashboards.ShiftedClock;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.Ingestion;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Embedding: a signed token is exchanged for the dashboard's page holding a grant locked to that
 * dashboard and region, framable only by the registered origin; expired, tampered, alg none,
 * wrong-dashboard and widened tokens are refused, unknown, expired and revoked grants are refused on
 * every data and export path, and neither a token nor a grant reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@PulseApplicationTest
class EmbedIT {

    static final String ORIGIN = "https://portal.example.com";

    @LocalServerPort
    int port;

    @Autowired
    EmbedApps apps;

    @Autowired
    ShiftedClock clock;

    @Autowired
    Ingestion ingestion;

    @Autowired
    PulseSettings pulse;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
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

    /** A token with a jti of its own, as a host server makes one per embed. */
    String token(String dashboard, String region, long expiresIn) {
        long exp = Instant.now().getEpochSecond() + expiresIn;
        return sign(
                app.secret(),
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"iss\":\"" + app.app().id() + "\",\"exp\":" + exp + ",\"jti\":\"" + UUID.randomUUID()
                        + "\",\"dashboard\":\"" + dashboard + "\""
                        + (region == null ? "" : ",\"region\":\"" + region + "\"") + "}");
    }

    HttpResponse<String> get(String path, String grant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html");
        if (grant != null) {
            request.header(EmbedGrants.HEADER, grant);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String grant, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(EmbedGrants.HEADER, grant)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What the embedded page's filter form sends. */
    HttpResponse<String> form(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<String> exchange(String dashboard, String token) throws Exception {
        return get("/embed/" + dashboard + "?token=" + enc(token), null);
    }

    /** The grant that the exchanged page holds, for its scripts to send back. */
    static String grant(HttpResponse<String> page) {
        Matcher meta = Pattern.compile("<meta name=\"pulse-embed\" content=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(meta.find()).as("the page holds its grant").isTrue();
        return meta.group(1);
    }

    static String lastYear() {
        return "from=" + LocalDate.now().minusDays(300) + "&to="
                + LocalDate.now().plusDays(1);
    }

    static String query(String regionFilter) {
        return "{\"metrics\":[\"orders\"],\"dimensions\":[\"region\"],\"from\":\""
                + LocalDate.now().minusDays(300)
                + "\",\"to\":\"" + LocalDate.now().plusDays(1) + "\""
                + (regionFilter == null
                        ? ""
                        : ",\"filters\":[{\"dimension\":\"region\",\"op\":\"eq\",\"values\":[\"" + regionFilter
                                + "\"]}]")
                + "}";
    }

    @Test
    void aTokenOpensOneEmbedAndAReplayIsRefusedAlsoWithoutJtiAndExpiredUsesArePurged() throws Exception {
        String token = token("overview", "华东", 600);
        assertThat(exchange("overview", token).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = exchange("overview", token);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("used already").doesNotContain(token);

        String jti = UUID.randomUUID().toString();
        long exp = Instant.now().getEpochSecond() + 600;
        String first = sign(
                app.secret(),
                "{\"alg\":\"HS256\"}",
                "{\"iss\":\"" + app.app().id() + "\",\"exp\":" + exp + ",\"jti\":\"" + jti
                        + "\",\"dashboard\":\"overview\"}");
        String sameJti = sign(
                app.secret(),
                "{\"alg\":\"HS256\"}",
                "{\"iss\":\"" + app.app().id() + "\",\"exp\":" + (exp - 1) + ",\"jti\":\"" + jti
                        + "\",\"dashboard\":\"overview\"}");
        assertThat(exchange("overview", first).statusCode()).isEqualTo(200);
        assertThat(exchange("overview", sameJti).statusCode())
                .as("another token with the same jti")
                .isEqualTo(401);

        String noJti = sign(
                app.secret(),
                "{\"alg\":\"HS256\"}",
                "{\"iss\":\"" + app.app().id() + "\",\"exp\":" + exp + ",\"dashboard\":\"churn\"}");
        assertThat(exchange("churn", noJti).statusCode()).isEqualTo(200);
        assertThat(exchange("churn", noJti).statusCode())
                .as("a token without jti is used once too")
                .isEqualTo(401);
        assertThat(exchange(
                                "overview",
                                sign(
                                        app.secret(),
                                        "{\"alg\":\"HS256\"}",
                                        "{\"iss\":\"" + app.app().id() + "\",\"exp\":" + exp
                                                + ",\"jti\":\"\",\"dashboard\":\"overview\"}"))
                        .body())
                .contains("jti must be");

        jdbc.sql("INSERT INTO pulse_embed_token_use (token_id, app_id, expires_at) VALUES ('expired-"
                        + System.nanoTime() + "', :app, :exp)")
                .param("app", app.app().id())
                .param("exp", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
                .update();
        assertThat(exchange("overview", token("overview", "华东", 600)).statusCode())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM pulse_embed_token_use WHERE expires_at < :now")
                        .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                        .query(Long.class)
                        .single())
                .as("expired uses are purged")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM pulse_embed_token_use WHERE app_id = :app")
                        .param("app", app.app().id())
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
    }

    @Test
    void aValidTokenAnswersItsDashboardWithAGrantLockedToItsDashboardAndRegion(CapturedOutput output) throws Exception {
        String token = token("overview", "华东", 600);
        HttpResponse<String> page = exchange("overview", token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Location"))
                .as("no redirect: it could carry nothing to the next request")
                .isEmpty();
        assertThat(page.headers().allValues("Set-Cookie"))
                .as("no session: a frame on another site would not send it back")
                .isEmpty();
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors " + ORIGIN)
                .contains("script-src 'self'");
        assertThat(page.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(page.headers().firstValue("Referrer-Policy"))
                .as("the page's address holds the token")
                .hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.body())
                .contains("data-dashboard=\"overview\"")
                .contains("data-region=\"华东\"")
                .doesNotContain("/admin/users")
                .doesNotContain("id=\"logout\"")
                .doesNotContain("name=\"_csrf\"");
        assertThat(page.body())
                .as("the page does not hold the token")
                .doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        String grant = grant(page);
        assertThat(grant).startsWith("peg_").hasSize(47);

        for (String path : new String[] {"/api/v1/query", "/dashboards/export?format=csv"}) {
            HttpResponse<String> data = post(path, grant, query(null));
            assertThat(data.statusCode()).as(path).isEqualTo(200);
            assertThat(data.body()).as(path).contains("华东").doesNotContain("华南", "华北", "西南");
            assertThat(data.headers().allValues("Set-Cookie"))
                    .as(path + ": no session")
                    .isEmpty();
            // a filter on another region meets the locked scope: nothing
            HttpResponse<String> widened = post(path, grant, query("华南"));
            assertThat(widened.statusCode()).as(path + " widened to 华南").isEqualTo(200);
            assertThat(widened.body()).as(path + " widened to 华南").doesNotContain("华南", "华东", "华北", "西南");
        }
        HttpResponse<String> comments = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + port + "/api/v1/comments?" + lastYear() + "&limit=100"))
                        .header(EmbedGrants.HEADER, grant)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(comments.statusCode()).as("comments").isEqualTo(200);
        assertThat(comments.body()).as("comments").startsWith("{\"comments\":[").doesNotContain("华南", "华北", "西南");
        assertThat(get("/dashboards/overview?region=" + URLEncoder.encode("华南", StandardCharsets.UTF_8), grant)
                        .statusCode())
                .as("the page widened to another region")
                .isEqualTo(403);
        assertThat(get("/dashboards/churn", grant).statusCode())
                .as("another dashboard")
                .isEqualTo(403);
        assertThat(get("/admin/users", grant).statusCode()).as("admin").isEqualTo(403);
        assertThat(get("/surveys", grant).statusCode()).as("survey pages").isEqualTo(403);
        assertThat(post("/api/v1/sql", grant, "{\"sql\":\"SELECT 1\"}").statusCode())
                .as("analyst SQL")
                .isEqualTo(403);
        assertThat(get("/api/v1/customers/at-risk?" + lastYear(), grant).statusCode())
                .as("at-risk list outside churn")
                .isEqualTo(403);
        assertThat(get("/dashboards/export/at-risk?format=csv&" + lastYear(), grant)
                        .statusCode())
                .as("at-risk file outside churn")
                .isEqualTo(403);
        assertThat(output.getAll())
                .doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(grant)
                .doesNotContain(grant.substring(4));
    }

    @Test
    void aChurnEmbedReadsTheAtRiskCustomersOfItsRegionOnly() throws Exception {
        String grant = grant(exchange("churn", token("churn", "华东", 600)));
        HttpResponse<String> list = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/v1/customers/at-risk?" + lastYear()))
                        .header(EmbedGrants.HEADER, grant)
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> csv = get("/dashboards/export/at-risk?format=csv&" + lastYear(), grant);
        for (HttpResponse<String> data : List.of(list, csv)) {
            assertThat(data.statusCode()).as(data.uri().getPath()).isEqualTo(200);
            assertThat(data.body()).as(data.uri().getPath()).contains("华东").doesNotContain("华南", "华北", "西南");
        }
        assertThat(get("/dashboards/overview", grant).statusCode())
                .as("the overview with a churn grant")
                .isEqualTo(403);
    }

    /** Every data and export path an embedded page uses, each with the status a refused grant gets. */
    void refusedEverywhere(String grant, int status, String why) throws Exception {
        assertThat(post("/api/v1/query", grant, query(null)).statusCode())
                .as(why + ": query")
                .isEqualTo(status);
        assertThat(post("/dashboards/export?format=csv", grant, query(null)).statusCode())
                .as(why + ": export")
                .isEqualTo(status);
        assertThat(get("/api/v1/customers/at-risk?" + lastYear(), grant).statusCode())
                .as(why + ": at-risk list")
                .isEqualTo(status);
        assertThat(get("/api/v1/comments?" + lastYear(), grant).statusCode())
                .as(why + ": comments")
                .isEqualTo(status);
        assertThat(get("/dashboards/export/at-risk?format=xlsx&" + lastYear(), grant)
                        .statusCode())
                .as(why + ": at-risk file")
                .isEqualTo(status);
        assertThat(get("/dashboards/overview", grant).statusCode())
                .as(why + ": page")
                .isEqualTo(status);
        assertThat(form("/embed/overview", "grant=" + enc(grant) + "&preset=365d")
                        .statusCode())
                .as(why + ": filter form")
                .isEqualTo(status);
    }

    @Test
    void theEmbeddedFilterFormPostsTheGrantBackAndGetsThePageUnderItsFilters(CapturedOutput output) throws Exception {
        String grant = grant(exchange("overview", token("overview", "华东", 600)));
        LocalDate from = LocalDate.now().minusDays(200);
        LocalDate to = LocalDate.now().minusDays(100);
        HttpResponse<String> page = form(
                "/embed/overview",
                "grant=" + enc(grant) + "&preset=custom&from=" + from + "&to=" + to + "&region=" + enc("华东")
                        + "&segment=" + enc("个人"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "data-from=\"" + from + "\"",
                        "data-to=\"" + to + "\"",
                        "data-region=\"华东\"",
                        "data-segment=\"个人\"")
                .doesNotContain("name=\"_csrf\"");
        assertThat(grant(page))
                .as("the same grant, for the page's next requests")
                .isEqualTo(grant);
        assertThat(page.headers().firstValue("Location"))
                .as("the grant is never sent to a URL")
                .isEmpty();
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors " + ORIGIN);
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();

        assertThat(form("/embed/overview", "grant=" + enc(grant) + "&region=" + enc("华南"))
                        .statusCode())
                .as("another region")
                .isEqualTo(403);
        assertThat(form("/embed/overview", "preset=365d").statusCode())
                .as("no grant")
                .isEqualTo(401);
        assertThat(form("/embed/churn", "grant=" + enc(grant)).statusCode())
                .as("another dashboard")
                .isEqualTo(401);
        assertThat(form("/embed/overview", "grant=" + enc(grant) + "&preset=century")
                        .statusCode())
                .as("a bad filter")
                .isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(grant).doesNotContain(grant.substring(4));
    }

    @Test
    void unknownExpiredAndRevokedGrantsAreRefusedOnEveryPath(CapturedOutput output) throws Exception {
        refusedEverywhere("peg_" + "A".repeat(43), 401, "unknown");
        refusedEverywhere("", 401, "empty");
        String live = grant(exchange("overview", token("overview", "华东", 600)));
        refusedEverywhere(live.substring(0, live.length() - 1) + (live.endsWith("A") ? "B" : "A"), 401, "altered");
        // a header that is not a live grant does not excuse a form from its CSRF token
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header(EmbedGrants.HEADER, "peg_" + "A".repeat(43))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("a login with a made-up grant").isEqualTo(401);
        HttpResponse<String> refused = post("/api/v1/query", "peg_" + "A".repeat(43), query(null));
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("embed grant is not valid");

        // a grant that is not used lives as long as its token: the application's clock passes the token's expiry
        String unused = grant(exchange("overview", token("overview", "华东", 60)));
        clock.advance(Duration.ofSeconds(61));
        try {
            refusedEverywhere(unused, 401, "expired");
        } finally {
            clock.reset();
        }

        // removing the application ends its grants at once, even one in use
        assertThat(post("/api/v1/query", live, query(null)).statusCode()).isEqualTo(200);
        apps.remove(app.app().id());
        refusedEverywhere(live, 401, "revoked");
        assertThat(output.getAll()).doesNotContain(live).doesNotContain(unused);
    }

    @Test
    void aGrantDoesNotWidenWhatASignedInSessionOrAnApiKeyMaySee() throws Exception {
        String grant = grant(exchange("overview", token("overview", "华东", 600)));
        // a grant that comes with an executive's API key is still the embed: locked to 华东, no analyst SQL
        HttpResponse<String> both = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sql"))
                        .header(EmbedGrants.HEADER, grant)
                        .header("Authorization", "Bearer it-embed-exec")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT 1\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(both.statusCode()).isEqualTo(403);
        HttpResponse<String> data = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/query"))
                        .header(EmbedGrants.HEADER, grant)
                        .header("Authorization", "Bearer it-embed-exec")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(query(null)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.body()).contains("华东").doesNotContain("华南");
    }

    @Test
    void badTokensAreRefusedWithAReasonAndWithoutTheToken(CapturedOutput output) throws Exception {
        long now = Instant.now().getEpochSecond();
        String id = app.app().id();
        String valid = token("overview", "华东", 600);
        String[] parts = valid.split("\\.");
        String widened = parts[0] + "."
                + b64("{\"iss\":\"" + id + "\",\"exp\":" + (now + 600)
                        + ",\"dashboard\":\"overview\",\"region\":\"华南\"}")
                + "." + parts[2];
        String unlocked =
                parts[0] + "." + b64("{\"iss\":\"" + id + "\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\"}")
                        + "." + parts[2];
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String noneSigned = b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2];
        String hs512 = sign(
                app.secret(),
                "{\"alg\":\"HS512\"}",
                "{\"iss\":\"" + id + "\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\"}");
        String otherSecret = sign(
                "not-the-secret",
                "{\"alg\":\"HS256\"}",
                "{\"iss\":\"" + id + "\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\"}");
        String[][] cases = {
            {"overview", token("overview", "华东", -5), "expired"},
            {"overview", token("overview", "华东", 3600), "15 minutes"},
            {
                "overview",
                sign(app.secret(), "{\"alg\":\"HS256\"}", "{\"iss\":\"" + id + "\",\"dashboard\":\"overview\"}"),
                "exp is required"
            },
            {"overview", widened, "signature"},
            {"overview", unlocked, "signature"},
            {"overview", none, "not a signed JWT"},
            {"overview", noneSigned, "HS256"},
            {"overview", hs512, "HS256"},
            {"overview", otherSecret, "signature"},
            {"churn", valid, "another dashboard"},
            {
                "overview",
                sign(
                        app.secret(),
                        "{\"alg\":\"HS256\"}",
                        "{\"iss\":\"no-such-app\",\"exp\":" + (now + 600) + ",\"dashboard\":\"overview\"}"),
                "unknown issuer"
            },
            {
                "overview",
                sign(
                        app.secret(),
                        "{\"alg\":\"HS256\"}",
                        "{\"iss\":\"" + id + "\",\"exp\":" + (now + 600)
                                + ",\"dashboard\":\"overview\",\"channel\":\"app\"}"),
                "unknown claim"
            },
            {
                "overview",
                sign(
                        app.secret(),
                        "{\"alg\":\"HS256\"}",
                        "{\"iss\":\"" + id + "\",\"exp\":" + (now + 600)
                                + ",\"dashboard\":\"overview\",\"region\":\"火星\"}"),
                "region"
            },
            {"overview", "garbage", "not a signed JWT"},
            {"overview", "a.b.c", "base64url JSON"}
        };
        for (String[] c : cases) {
            HttpResponse<String> refused = exchange(c[0], c[1]);
            assertThat(refused.statusCode()).as(c[2]).isEqualTo(401);
            assertThat(refused.body()).as(c[2]).contains(c[2]).doesNotContain(c[1]);
            assertThat(refused.headers().allValues("Set-Cookie"))
                    .as(c[2] + ": no session")
                    .isEmpty();
        }
        assertThat(get("/embed/overview", null).statusCode()).isEqualTo(401);
        // a removed application's tokens stop working at once
        apps.remove(id);
        assertThat(exchange("overview", valid).statusCode()).isEqualTo(401);
        assertThat(output.getAll()).doesNotContain(parts[2]);
    }
}
