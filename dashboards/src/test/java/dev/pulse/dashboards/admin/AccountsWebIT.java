package dev.pulse.dashboards.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.dashboards.WebSessions;
import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Accounts over HTTP: the bootstrap admin, security headers, the ADMIN pages for users and API keys, bad page parameters. */
@PulseApplicationTest
class AccountsWebIT {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    WebSessions web() {
        return new WebSessions(port, accounts);
    }

    HttpResponse<String> get(String path, WebSessions.Session session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html");
        if (session != null) {
            request.header("Cookie", session.cookie());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> form(String path, WebSessions.Session session, String... pairs) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8));
        for (int i = 0; i < pairs.length; i += 2) {
            body.append('&')
                    .append(pairs[i])
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Cookie", session.cookie())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFirstAdministratorExistsWithAHashedPassword() {
        assertThat(accounts.find("admin")).hasValueSatisfying(a -> {
            assertThat(a.role()).isEqualTo(Role.ADMIN);
            assertThat(a.passwordHash()).startsWith("{bcrypt}$2");
        });
    }

    @Test
    void pagesCarryTheSecurityHeadersAndAHardenedSessionCookie() throws Exception {
        HttpResponse<String> login = get("/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Lax"));
        assertThat(login.body()).doesNotContain("<script>").contains("name=\"_csrf\"");
        HttpResponse<String> page = get("/dashboards/overview", null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws Exception {
        WebSessions.Session anonymous = web().anonymous();
        HttpResponse<String> wrong = form("/login", anonymous, "username", "admin", "password", "not-the-password");
        HttpResponse<String> unknown =
                form("/login", web().anonymous(), "username", "nobody-" + System.nanoTime(), "password", "x");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(unknown.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location"))
                .isEqualTo(unknown.headers().firstValue("Location"));
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");
    }

    @Test
    void anAdminCreatesAUserWhoCanSignInAndBadFieldsAreNamed() throws Exception {
        WebSessions.Session admin = web().signIn(Role.ADMIN);
        String username = "made." + System.nanoTime();
        HttpResponse<String> created = form(
                "/admin/users",
                admin,
                "username",
                username,
                "displayName",
                "华东 新经理 <b>x</b>",
                "password",
                "a-long-password",
                "role",
                "REGIONAL_MANAGER",
                "regions",
                "华东",
                "locale",
                "en");
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(accounts.find(username)).hasValueSatisfying(a -> {
            assertThat(a.regions()).containsExactly("华东");
            assertThat(a.locale()).isEqualTo("en");
            assertThat(a.passwordHash()).startsWith("{bcrypt}").doesNotContain("a-long-password");
        });
        HttpResponse<String> list = get("/admin/users", admin);
        assertThat(list.body()).contains("华东 新经理 &lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x</b>");

        for (String[] bad : new String[][] {
            {
                "role",
                "username",
                "bad." + System.nanoTime(),
                "displayName",
                "x",
                "password",
                "a-long-password",
                "role",
                "KING"
            },
            {
                "password",
                "username",
                "bad." + System.nanoTime(),
                "displayName",
                "x",
                "password",
                "short",
                "role",
                "ANALYST"
            },
            {
                "regions",
                "username",
                "bad." + System.nanoTime(),
                "displayName",
                "x",
                "password",
                "a-long-password",
                "role",
                "REGIONAL_MANAGER"
            },
            {"username", "username", "Bad Name!", "displayName", "x", "password", "a-long-password", "role", "ANALYST"},
            {"username", "username", username, "displayName", "x", "password", "a-long-password", "role", "ANALYST"}
        }) {
            String[] pairs = java.util.Arrays.copyOfRange(bad, 1, bad.length);
            HttpResponse<String> refused = form("/admin/users", admin, pairs);
            assertThat(refused.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(refused.body()).as(bad[0]).contains("id=\"form-error\">" + bad[0] + ": ");
        }
        WebSessions.Session analyst = web().signIn(Role.ANALYST);
        assertThat(get("/admin/users", analyst).statusCode()).isEqualTo(403);
        assertThat(form(
                                "/admin/users",
                                analyst,
                                "username",
                                "sneaky",
                                "displayName",
                                "x",
                                "password",
                                "a-long-password",
                                "role",
                                "ADMIN")
                        .statusCode())
                .isEqualTo(403);
        assertThat(accounts.exists("sneaky")).isFalse();
    }

    @Test
    void anApiKeyMadeInThePagesIsShownOnceStoredHashedWorksAndCanBeRevoked() throws Exception {
        WebSessions.Session admin = web().signIn(Role.ADMIN);
        HttpResponse<String> created =
                form("/admin/api-keys", admin, "name", "华东 报表机器人", "role", "REGIONAL_MANAGER", "regions", "华东");
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("id=\"created-key\">(pk_[0-9a-f]{64})<").matcher(created.body());
        assertThat(m.find()).isTrue();
        String key = m.group(1);
        assertThat(get("/admin/api-keys", admin).body()).contains("华东 报表机器人").doesNotContain(key);
        assertThat(jdbc.sql("SELECT count(*) FROM pulse_api_key WHERE digest LIKE :k")
                        .param("k", "%" + key.substring(3, 20) + "%")
                        .query(Long.class)
                        .single())
                .isZero();

        String query = "{\"metrics\":[\"orders\"],\"dimensions\":[\"region\"],\"from\":\""
                + LocalDate.now().minusDays(400) + "\",\"to\":\""
                + LocalDate.now().plusDays(1) + "\"}";
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/query"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(query))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("华南", "华北");

        String id = jdbc.sql("SELECT id FROM pulse_api_key WHERE name = :n ORDER BY created_at DESC")
                .param("n", "华东 报表机器人")
                .query(String.class)
                .list()
                .getFirst();
        assertThat(form("/admin/api-keys/" + id + "/revoke", admin).statusCode())
                .isEqualTo(302);
        HttpResponse<String> revoked = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/query"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(query))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(401);

        HttpResponse<String> bad = form("/admin/api-keys", admin, "name", "x", "role", "ANALYST", "regions", "华东");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("regions: ");
    }

    @Test
    void badDashboardParametersAre400NamingTheParameterAndUnknownDashboardsAre404() throws Exception {
        WebSessions.Session exec = web().signIn(Role.EXECUTIVE);
        HttpResponse<String> date = get("/dashboards/overview?from=2024-02-30", exec);
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(date.body()).contains("\"field\":\"from\"");
        HttpResponse<String> region =
                get("/dashboards/overview?region=" + URLEncoder.encode("火星", StandardCharsets.UTF_8), exec);
        assertThat(region.statusCode()).isEqualTo(400);
        assertThat(region.body()).contains("\"field\":\"region\"");
        assertThat(get("/dashboards/nope", exec).statusCode()).isEqualTo(404);
        HttpResponse<String> xss = get(
                "/dashboards/overview?segment=" + URLEncoder.encode("<svg/onload=alert(1)>", StandardCharsets.UTF_8),
                exec);
        assertThat(xss.statusCode()).isEqualTo(400);
        assertThat(xss.body()).doesNotContain("<svg");
    }
}
