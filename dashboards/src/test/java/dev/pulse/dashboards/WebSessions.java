package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Role;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in over plain HTTP like a browser does (login page, CSRF token, form post) and keeps the session cookie and token. */
public final class WebSessions {

    static final String PASSWORD = "web-session-password-1";

    /** A signed-in (or anonymous) browser session: its cookie header and a CSRF token. */
    public record Session(String cookie, String csrf) {}

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private final Accounts accounts;

    public WebSessions(int port, Accounts accounts) {
        this.port = port;
        this.accounts = accounts;
    }

    /** A session that never signed in. */
    public Session anonymous() throws IOException, InterruptedException {
        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        return new Session(cookie(page), token(page.body()));
    }

    /**
     * Signs in as a user of {@code role} (created when missing; a regional manager of 华东), whose language is
     * Chinese again: the accounts are shared by the tests, and one that switched to English must not change
     * what the next one reads.
     */
    public Session signIn(Role role) throws IOException, InterruptedException {
        String username = "web." + role.name().toLowerCase().replace('_', '-');
        if (!accounts.exists(username)) {
            accounts.create(
                    username,
                    "Web " + role,
                    PASSWORD,
                    role,
                    role == Role.REGIONAL_MANAGER ? Set.of("华东") : Set.of(),
                    "zh");
        } else {
            accounts.setLocale(username, "zh");
        }
        return signIn(username, PASSWORD);
    }

    /** Signs in as an existing account with its password; fails the test when the sign-in is refused. */
    public Session signIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> login = submitLogin(username, password);
        assertThat(login.statusCode()).as("sign-in of " + username).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse(""))
                .as("sign-in of " + username)
                .doesNotContain("error");
        String session = cookie(login);
        HttpResponse<String> after = http.send(
                HttpRequest.newBuilder(uri("/login")).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Session(session, token(after.body()));
    }

    /** Whether the sign-in form accepts this username and password. */
    public boolean accepts(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> login = submitLogin(username, password);
        return login.statusCode() == 302
                && !login.headers().firstValue("Location").orElse("").contains("error");
    }

    private HttpResponse<String> submitLogin(String username, String password)
            throws IOException, InterruptedException {
        Session anonymous = anonymous();
        String form = "username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(anonymous.csrf(), StandardCharsets.UTF_8);
        return http.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Cookie", anonymous.cookie())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
    }

    static String token(String html) {
        Matcher m =
                Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }
}
