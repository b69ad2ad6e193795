package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorisation matrix, generated from the application's route table: every route × every
 * role (and anonymous) × own/other region answers as the policy below says. A route with no rule
 * fails the test, so a new endpoint cannot be added without deciding who may call it.
 */
@PulseApplicationTest
class AuthorizationMatrixIT {

    static final Set<Role> READERS =
            EnumSet.of(Role.EXECUTIVE, Role.ANALYST, Role.QUALITY, Role.REGIONAL_MANAGER, Role.ADMIN);

    /** Who may call a route; null role = anonymous. */
    record Rule(String pattern, Set<Role> roles, boolean isPublic) {}

    /** Routes that only a signed token (GET) or an embed grant (POST) opens, checked in EmbedIT: without one, 401 whoever asks. */
    static final Set<String> TOKEN_ROUTES = Set.of("/embed/{dashboard}");

    /** The policy, first match wins; a route that matches none fails the test. */
    static final List<Rule> POLICY = List.of(
            new Rule("/s/**", Set.of(), true),
            new Rule("/login", Set.of(), true),
            new Rule("/embed/**", Set.of(), true),
            new Rule("/api/v1/ingest/**", EnumSet.of(Role.INGEST, Role.ADMIN), false),
            new Rule("/api/v1/query", READERS, false),
            new Rule("/api/v1/comments", READERS, false),
            new Rule("/api/v1/customers/at-risk", READERS, false),
            // a person's own password, with the session that signed in (AccountSessionsIT); an API key has none: 403
            // for every key
            new Rule("/api/v1/account/password", Set.of(), false),
            new Rule("/api/v1/sql", EnumSet.of(Role.EXECUTIVE, Role.ANALYST, Role.REGIONAL_MANAGER), false),
            new Rule("/api/v1/audit", EnumSet.of(Role.ADMIN), false),
            new Rule("/api/v1/surveys/**", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/api/v1/invitation-rules/**", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/api/v1/cases/owners/{region}", EnumSet.of(Role.ADMIN), false),
            new Rule("/api/v1/cases/owners", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/api/v1/cases/**", EnumSet.of(Role.QUALITY, Role.REGIONAL_MANAGER, Role.ADMIN), false),
            new Rule("/api/v1/reports/schedules/{id}", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/api/v1/reports/schedules/**", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/api/v1/reports/**", READERS, false),
            new Rule("/dashboards/**", READERS, false),
            new Rule("/surveys/**", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/cases/**", EnumSet.of(Role.QUALITY, Role.REGIONAL_MANAGER, Role.ADMIN), false),
            new Rule("/admin/outbox/**", EnumSet.of(Role.ADMIN), false),
            new Rule("/admin/**", EnumSet.of(Role.ADMIN), false),
            new Rule("/reports/schedules/{id}/delete", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/reports/schedules/{id}/edit", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/reports/schedules/{id}", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/reports/schedules/**", EnumSet.of(Role.QUALITY, Role.ADMIN), false),
            new Rule("/reports/**", READERS, false),
            new Rule("/account/locale", READERS, false),
            new Rule("/account/password", READERS, false),
            new Rule("/", READERS, false),
            new Rule("/error", Set.of(), true));

    static final Map<String, String> SAMPLE_VARIABLES = Map.of(
            "dashboard",
            "overview",
            "stream",
            "transactions",
            "id",
            "no-such-id",
            "token",
            "no-such-token",
            "surveyId",
            "no-such-survey",
            "version",
            "1",
            "username",
            "no-such-user");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Accounts accounts;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    record Route(String method, String pattern) {}

    @Test
    void everyRouteAnswersEveryRoleAsThePolicySays() throws Exception {
        List<Route> routes = routes();
        assertThat(routes)
                .as("the route table")
                .hasSizeGreaterThan(15)
                .contains(
                        new Route("POST", "/api/v1/query"),
                        new Route("GET", "/dashboards/{dashboard}"),
                        new Route("POST", "/admin/users"),
                        new Route("POST", "/dashboards/export"));
        Map<Role, WebSessions.Session> sessions = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            // an ingest key cannot sign in to pages: there it is a browser that never signed in
            sessions.put(role, role == Role.INGEST ? web().anonymous() : web().signIn(role));
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Route route : routes) {
            Rule rule = POLICY.stream()
                    .filter(r -> matches(r.pattern(), route.pattern()))
                    .findFirst()
                    .orElse(null);
            assertThat(rule)
                    .as("no authorisation rule for " + route + ": add one to POLICY")
                    .isNotNull();
            boolean api = route.pattern().startsWith("/api/");
            if (TOKEN_ROUTES.contains(route.pattern())) {
                for (Role role : Role.values()) {
                    int status = send(route, null, sessions.get(role), "华东");
                    checked++;
                    if (status != 401) {
                        failures.add(route + " " + role + " without a token: expected 401, got " + status);
                    }
                }
                continue;
            }
            // anonymous: no key; on pages a session that never signed in, with its CSRF token
            int anonymous = send(route, null, api ? null : web().anonymous(), "华东");
            checked++;
            if (rule.isPublic()) {
                expect(failures, route, "anonymous", anonymous, true);
            } else if (anonymous != 401 && !(anonymous == 302 && !api)) {
                failures.add(route + " anonymous: expected 401 (or a redirect to the login page), got " + anonymous);
            }
            for (Role role : Role.values()) {
                for (String region : List.of("华东", "华南")) {
                    String who = role
                            + (role == Role.REGIONAL_MANAGER
                                    ? "/" + (region.equals("华东") ? "own" : "other") + " region"
                                    : "");
                    int status = api
                            ? send(route, "m-" + keyName(role), null, region)
                            : send(route, null, sessions.get(role), region);
                    checked++;
                    if (!api && role == Role.INGEST) {
                        // ingest keys do not sign in to pages: they are anonymous there
                        if (!rule.isPublic() && status != 401 && status != 302) {
                            failures.add(route + " " + who + ": expected 401/302, got " + status);
                        }
                        continue;
                    }
                    boolean allowed = rule.isPublic() || rule.roles().contains(role);
                    boolean otherRegionPage = role == Role.REGIONAL_MANAGER
                            && region.equals("华南")
                            && route.pattern().startsWith("/dashboards/{");
                    expect(failures, route, who, status, allowed && !otherRegionPage);
                }
            }
        }
        assertThat(failures)
                .as("authorisation matrix (" + checked + " requests)")
                .isEmpty();
    }

    @Test
    void theQueryApiGivesARegionalManagerNoRowOfAnotherRegionWithSessionOrKey() throws Exception {
        // rows of the manager's region and of others, whatever other tests left in the warehouse
        String ts = java.time.Instant.now().minusSeconds(86_400).toString();
        StringBuilder rows = new StringBuilder();
        for (String region : List.of("华东", "华南", "华北", "西南")) {
            rows.append("{\"event_id\":\"matrix-")
                    .append(region)
                    .append("\",\"transaction_id\":\"matrix-")
                    .append(region)
                    .append("\",\"customer_id\":\"matrix\",\"ts\":\"")
                    .append(ts)
                    .append("\",\"amount\":10.00,\"region\":\"")
                    .append(region)
                    .append("\"}\n");
        }
        HttpResponse<String> ingested = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/transactions"))
                        .header("Authorization", "Bearer m-ingest")
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(rows.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
        String body = "{\"metrics\":[\"orders\"],\"dimensions\":[\"region\"],\"from\":\""
                + LocalDate.now().minusDays(400) + "\",\"to\":\""
                + LocalDate.now().plusDays(1) + "\"}";
        for (String auth : List.of("key", "session")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/query"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (auth.equals("key")) {
                request.header("Authorization", "Bearer m-manager");
            } else {
                WebSessions.Session s = web().signIn(Role.REGIONAL_MANAGER);
                request.header("Cookie", s.cookie()).header("X-CSRF-TOKEN", s.csrf());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(auth).isEqualTo(200);
            assertThat(response.body()).as(auth).contains("华东").doesNotContain("华南", "华北", "西南");
        }
    }

    // ---- the route table ----------------------------------------------------------------------

    List<Route> routes() {
        Set<String> seen = new TreeSet<>();
        List<Route> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    if (seen.add(method + " " + pattern)) {
                        routes.add(new Route(method.name(), pattern));
                    }
                }
            }
        }
        return routes;
    }

    static boolean matches(String rule, String pattern) {
        if (rule.endsWith("/**")) {
            String prefix = rule.substring(0, rule.length() - 3);
            return pattern.equals(prefix) || pattern.startsWith(prefix + "/");
        }
        return rule.equals(pattern);
    }

    // ---- requests ------------------------------------------------------------------------------

    WebSessions web() {
        return new WebSessions(port, accounts);
    }

    int send(Route route, String key, WebSessions.Session session, String region) throws Exception {
        String path = route.pattern();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(path);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(resolved, SAMPLE_VARIABLES.getOrDefault(m.group(1), "x"));
        }
        m.appendTail(resolved);
        path = resolved.toString();
        String regionParam = URLEncoder.encode(region, StandardCharsets.UTF_8);
        if (path.startsWith("/dashboards/") && route.method().equals("GET")) {
            path += "?region=" + regionParam;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html");
        if (route.method().equals("GET")) {
            request.GET();
        } else if (path.startsWith("/api/") || path.startsWith("/dashboards/export")) {
            String json = path.startsWith("/api/v1/ingest")
                    ? ""
                    : """
                    {"metrics":["orders"],"from":"%s","to":"%s","filters":[{"dimension":"region","op":"eq","values":["%s"]}]}""".formatted(LocalDate.now().minusDays(30), LocalDate.now(), region);
            request.header(
                            "Content-Type",
                            path.startsWith("/api/v1/ingest") ? "application/x-ndjson" : "application/json")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString(json));
            if (path.startsWith("/dashboards/export")) {
                request.uri(uri(path + "?format=csv"));
            }
        } else {
            String form = session == null
                    ? ""
                    : "_csrf=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8) + "&lang=zh";
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString(form));
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (session != null) {
            request.header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrf());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static void expect(List<String> failures, Route route, String who, int status, boolean allowed) {
        // the container's error page answers the status of an error that did not happen: 500 when asked directly
        boolean serverErrorIsTheAnswer = route.pattern().equals("/error");
        if (allowed && (status == 401 || status == 403 || (status >= 500 && !serverErrorIsTheAnswer))) {
            failures.add(route + " " + who + ": expected to be let in, got " + status);
        } else if (!allowed && status != 403) {
            failures.add(route + " " + who + ": expected 403, got " + status);
        }
    }

    static String keyName(Role role) {
        return role == Role.REGIONAL_MANAGER ? "manager" : role.name().toLowerCase();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
