package dev.pulse.dashboards.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.dashboards.WebSessions;
import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Role;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sessions end when their account changes: deleted, given another role or other regions, or a new
 * password (by an ADMIN, or by the person, whose own session stays); the next request of an ended
 * session is 401 on the API and the sign-in page for pages. Passwords meet the policy: at least 12
 * characters, not a common password.
 */
@PulseApplicationTest
class AccountSessionsIT {

    static final String PASSWORD = "session-test-password-1";

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    WebSessions web() {
        return new WebSessions(port, accounts);
    }

    /** A new account of its own, so that no other test's session ends. */
    String account(Role role, Set<String> regions) {
        String username = "sess." + role.name().toLowerCase().replace('_', '-') + "." + System.nanoTime();
        accounts.create(username, "Session " + role, PASSWORD, role, regions, "zh");
        return username;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The query API with the session, as the dashboard pages call it. */
    HttpResponse<String> query(WebSessions.Session session) throws Exception {
        String body = "{\"metrics\":[\"orders\"],\"from\":\"" + LocalDate.now().minusDays(30) + "\",\"to\":\""
                + LocalDate.now() + "\"}";
        return http.send(
                HttpRequest.newBuilder(uri("/api/v1/query"))
                        .header("Cookie", session.cookie())
                        .header("X-CSRF-TOKEN", session.csrf())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> page(WebSessions.Session session, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Cookie", session.cookie())
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> form(WebSessions.Session session, String path, String... pairs) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8));
        for (int i = 0; i < pairs.length; i += 2) {
            body.append('&')
                    .append(pairs[i])
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Cookie", session.cookie())
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> changeByApi(WebSessions.Session session, String key, String json) throws Exception {
        return changeByApi(http, session, key, json);
    }

    HttpResponse<String> changeByApi(HttpClient client, WebSessions.Session session, String key, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/account/password"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (session != null) {
            request.header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrf());
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void ended(HttpResponse<String> api, HttpResponse<String> page) {
        assertThat(api.statusCode()).as("the API with the ended session").isEqualTo(401);
        assertThat(page.statusCode()).as("a page with the ended session").isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    /** What an ADMIN does to the account, on the users page. */
    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("deleted", Role.REGIONAL_MANAGER, Set.of("华东"), "delete", new String[0]),
                Arguments.of("given another role", Role.ANALYST, Set.of(), "role", new String[] {"role", "EXECUTIVE"}),
                Arguments.of("given another region", Role.REGIONAL_MANAGER, Set.of("华东"), "role", new String[] {
                    "role", "REGIONAL_MANAGER", "regions", "华南"
                }),
                Arguments.of("given a new password", Role.QUALITY, Set.of(), "password", new String[] {
                    "password", "a-new-password-by-admin"
                }));
    }

    @ParameterizedTest(name = "an account {0} has its sessions ended at once")
    @MethodSource("changes")
    void anAccountChangedByAnAdminHasItsSessionsEndedAtOnce(
            String name, Role role, Set<String> regions, String action, String[] fields) throws Exception {
        String username = account(role, regions);
        WebSessions.Session person = web().signIn(username, PASSWORD);
        WebSessions.Session other = web().signIn(username, PASSWORD);
        assertThat(query(person).statusCode()).isEqualTo(200);
        WebSessions.Session admin = web().signIn(Role.ADMIN);

        HttpResponse<String> changed = form(admin, "/admin/users/" + username + "/" + action, fields);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);

        ended(query(person), page(other, "/dashboards/overview"));
        assertThat(query(other).statusCode()).isEqualTo(401);
        assertThat(query(admin).statusCode())
                .as("the admin's own session is untouched")
                .isEqualTo(200);
        if (action.equals("role")) {
            assertThat(accounts.find(username).orElseThrow().role().name()).isEqualTo(fields[1]);
            WebSessions.Session again = web().signIn(username, PASSWORD);
            assertThat(query(again).statusCode())
                    .as("signed in again under the new scope")
                    .isEqualTo(200);
            if (fields.length > 2) {
                assertThat(accounts.find(username).orElseThrow().regions()).containsExactly("华南");
                assertThat(page(again, "/dashboards/overview").body()).contains("<span class=\"scope\">华南</span>");
            }
        }
        if (action.equals("password")) {
            assertThat(web().accepts(username, PASSWORD)).isFalse();
            assertThat(web().accepts(username, "a-new-password-by-admin")).isTrue();
        }
        if (action.equals("delete")) {
            assertThat(accounts.exists(username)).isFalse();
        }
    }

    @Test
    void aPersonChangesTheirPasswordOnThePageAndTheirOtherSessionsEnd() throws Exception {
        String username = account(Role.EXECUTIVE, Set.of());
        WebSessions.Session here = web().signIn(username, PASSWORD);
        WebSessions.Session elsewhere = web().signIn(username, PASSWORD);
        assertThat(page(here, "/account/password").body()).contains("name=\"currentPassword\"", "name=\"password\"");

        HttpResponse<String> wrong = form(
                here, "/account/password", "currentPassword", "not-my-password-1", "password", "my-next-password-2026");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("currentPassword: ");
        HttpResponse<String> common =
                form(here, "/account/password", "currentPassword", PASSWORD, "password", "Woaini1314520!");
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).contains("password: ", "common");
        assertThat(query(elsewhere).statusCode())
                .as("a refused change ends nothing")
                .isEqualTo(200);

        HttpResponse<String> changed =
                form(here, "/account/password", "currentPassword", PASSWORD, "password", "my-next-password-2026");
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(page(here, "/account/password?changed").body()).contains("id=\"password-changed\"");
        assertThat(query(here).statusCode())
                .as("the session that changed it stays")
                .isEqualTo(200);
        ended(query(elsewhere), page(elsewhere, "/dashboards/overview"));
        assertThat(web().accepts(username, PASSWORD)).isFalse();
        assertThat(web().accepts(username, "my-next-password-2026")).isTrue();
    }

    @Test
    void theApiChangesThePasswordOfTheSignedInPersonAndNamesTheFieldItRefuses() throws Exception {
        String username = account(Role.ANALYST, Set.of());
        WebSessions.Session here = web().signIn(username, PASSWORD);
        WebSessions.Session elsewhere = web().signIn(username, PASSWORD);

        HttpResponse<String> wrong = changeByApi(
                here, null, "{\"currentPassword\":\"nope-nope-nope\",\"password\":\"an-api-password-2026\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("\"field\":\"currentPassword\"");
        HttpResponse<String> shortOne =
                changeByApi(here, null, "{\"currentPassword\":\"" + PASSWORD + "\",\"password\":\"short-pw-1\"}");
        assertThat(shortOne.statusCode()).isEqualTo(400);
        assertThat(shortOne.body()).contains("\"field\":\"password\"", "at least 12 characters");
        HttpResponse<String> common =
                changeByApi(here, null, "{\"currentPassword\":\"" + PASSWORD + "\",\"password\":\"qwertyuiop123456\"}");
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).contains("\"field\":\"password\"", "common");
        assertThat(changeByApi(
                                here,
                                null,
                                "{\"currentPassword\":\"" + PASSWORD + "\",\"password\":\"an-api-password-2026\"}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(query(here).statusCode()).isEqualTo(200);
        assertThat(query(elsewhere).statusCode()).isEqualTo(401);
        assertThat(web().accepts(username, "an-api-password-2026")).isTrue();
        assertThat(changeByApi(null, null, "{}").statusCode()).as("anonymous").isEqualTo(401);
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedSignInsSoAnOpenSessionCannotGuessIt() throws Exception {
        String username = account(Role.EXECUTIVE, Set.of());
        WebSessions.Session here = web().signIn(username, PASSWORD);
        // from an address of its own, so that these failures do not count against the address every other test signs in
        // from
        HttpClient guesser = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName("127.0.0.66"))
                .build();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = changeByApi(
                    guesser,
                    here,
                    null,
                    "{\"currentPassword\":\"guess-" + i + "-guess\",\"password\":\"a-guessed-password-1\"}");
            assertThat(wrong.statusCode()).as("guess " + i).isEqualTo(400);
        }
        HttpResponse<String> locked = changeByApi(
                guesser,
                here,
                null,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"password\":\"a-guessed-password-1\"}");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(web().accepts(username, "a-guessed-password-1"))
                .as("nothing changed")
                .isFalse();
    }

    @Test
    void anAdminResetRefusesAWeakPasswordNamingTheField() throws Exception {
        String username = account(Role.QUALITY, Set.of());
        WebSessions.Session person = web().signIn(username, PASSWORD);
        WebSessions.Session admin = web().signIn(Role.ADMIN);
        HttpResponse<String> weak = form(admin, "/admin/users/" + username + "/password", "password", "password123456");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("password: ", "common");
        assertThat(query(person).statusCode())
                .as("a refused reset ends nothing")
                .isEqualTo(200);
        HttpResponse<String> badRole = form(admin, "/admin/users/" + username + "/role", "role", "KING");
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.body()).contains("role: ");
        HttpResponse<String> regionsWithoutManager =
                form(admin, "/admin/users/" + username + "/role", "role", "ANALYST", "regions", "华东");
        assertThat(regionsWithoutManager.statusCode()).isEqualTo(400);
        assertThat(regionsWithoutManager.body()).contains("regions: ");
        assertThat(query(person).statusCode())
                .as("a refused role change ends nothing")
                .isEqualTo(200);
    }

    /** The policy, at the boundary of the minimum length and for common passwords in several shapes. */
    static Stream<Arguments> passwords() {
        return Stream.of(
                Arguments.of("eleven-char", false, "at least 12 characters"),
                Arguments.of("twelve-chars", true, ""),
                Arguments.of("x".repeat(72), true, ""),
                Arguments.of("x".repeat(73), false, "at most 72 bytes"),
                Arguments.of("我的密码是一个很长的句子不会被猜到吗对吧真的是这", true, ""),
                Arguments.of("我的密码是一个很长的句子不会被猜到吗对吧真的是这样", false, "at most 72 bytes"),
                Arguments.of("123456789012", false, "common"),
                Arguments.of("Password1234", false, "common"),
                Arguments.of("qwerty123456!!", false, "common"),
                Arguments.of("woaini1314520", false, "common"),
                Arguments.of("WOAINI1314!!!", false, "common"),
                Arguments.of("pulse-demo-2026", true, ""));
    }

    @ParameterizedTest(name = "{0}: accepted {1}")
    @MethodSource("passwords")
    void newPasswordsMeetThePolicy(String password, boolean accepted, String reason) {
        String username = "policy." + System.nanoTime();
        if (accepted) {
            accounts.create(username, "Policy", password, Role.ANALYST, Set.of(), "zh");
            assertThat(accounts.exists(username)).isTrue();
            accounts.delete(username);
        } else {
            InvalidFieldException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    InvalidFieldException.class,
                    () -> accounts.create(username, "Policy", password, Role.ANALYST, Set.of(), "zh"));
            assertThat(refused.field()).isEqualTo("password");
            assertThat(refused.getMessage()).contains(reason);
        }
    }
}
