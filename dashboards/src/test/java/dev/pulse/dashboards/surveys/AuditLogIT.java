package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.pulse.dashboards.WebSessions;
import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.dashboards.embed.EmbedApps;
import dev.pulse.dashboards.security.StoredApiKeys;
import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.Role;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The audit log over real HTTP: every audited action, done as a person or a program would, leaves
 * one entry that {@code GET /api/v1/audit} shows with who, from where, what and how it ended, and no
 * secret; only an ADMIN reads the log, on the page or the API. Here, beside the surveys' HTTP support,
 * because cases and surveys need its public-page answers.
 */
class AuditLogIT extends SurveysHttpSupport {

    /** Every action the log records, each done once by {@link #perform}; ERASURE is reserved (no erasure exists yet). */
    static final List<String> CASES = List.of(
            "SIGN_IN",
            "SIGN_IN failed",
            "SIGN_OUT",
            "API_KEY_CREATE",
            "API_KEY_REVOKE",
            "ACCOUNT_CREATE",
            "ACCOUNT_DELETE",
            "ACCOUNT_ROLE_CHANGE",
            "ACCOUNT_PASSWORD_RESET",
            "PASSWORD_CHANGE",
            "PASSWORD_CHANGE failed",
            "EMBED_APP_REGISTER",
            "EMBED_APP_REMOVE",
            "SQL_RUN",
            "SQL_RUN failed",
            "EXPORT",
            "EXPORT at-risk",
            "REPORT_RUN",
            "REPORT_DOWNLOAD",
            "REPORT_RERUN",
            "SCHEDULE_CREATE",
            "SCHEDULE_UPDATE",
            "SCHEDULE_DELETE",
            "EMBED_EXCHANGE",
            "EMBED_EXCHANGE failed",
            "CASE_ASSIGN",
            "CASE_NOTE",
            "CASE_CONTACTED",
            "CASE_RESOLVE",
            "CASE_OWNER_SET",
            "SURVEY_CREATE",
            "SURVEY_UPDATE",
            "SURVEY_ACTIVATE",
            "SURVEY_CLOSE",
            "ACCESS_DENIED");

    static final String MAY = "\"from\":\"2026-05-01\",\"to\":\"2026-06-01\"";
    static final String SCHEDULE = """
            {"name":"审计 月报","cron":"0 0 8 1 * ?","periodRule":"PREVIOUS_MONTH","regions":["华东"],
             "recipients":{"华东":["east@pulse.test"]}}""";

    @Autowired
    Accounts accounts;

    @Autowired
    StoredApiKeys keys;

    @Autowired
    EmbedApps embedApps;

    @Autowired
    Scheduler scheduler;

    final HttpClient pages = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** The entry an action must leave; null fields are not checked. */
    record Expect(
            String action, String actor, String target, String outcome, Map<String, String> details, String secret) {

        Expect(String action, String actor, String target, String outcome) {
            this(action, actor, target, outcome, Map.of(), null);
        }

        Expect with(String key, Object value) {
            Map<String, String> more = new LinkedHashMap<>(details);
            more.put(key, String.valueOf(value));
            return new Expect(action, actor, target, outcome, more, secret);
        }

        Expect secret(String value) {
            return new Expect(action, actor, target, outcome, details, value);
        }
    }

    @Test
    void theCasesCoverEveryActionButTheReservedErasure() {
        assertThat(CASES.stream().map(c -> c.split(" ")[0]).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(AuditAction.values())
                        .filter(a -> a != AuditAction.ERASURE)
                        .map(Enum::name)
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyAuditedActionLeavesOneEntryWithWhoFromWhereWhatAndOutcome(String name) throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
        Expect expected = perform(name);

        HttpResponse<String> response = call(
                "GET",
                "/api/v1/audit?what=" + expected.action() + "&from=" + before + "&size=200",
                "it-admin-key",
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> matching = json(response)
                .get("entries")
                .valueStream()
                .filter(e -> e.get("action").asString().equals(expected.action()))
                .filter(e -> expected.target() == null
                        || expected.target().equals(e.path("target").asString(null)))
                .filter(e -> expected.actor() == null
                        || expected.actor().equals(e.get("actor").asString()))
                .filter(e -> e.get("outcome").asString().equals(expected.outcome()))
                .filter(e -> expected.details().entrySet().stream()
                        .allMatch(d -> d.getValue()
                                .equals(e.path("details").path(d.getKey()).asString(null))))
                .toList();
        assertThat(matching)
                .as("entries for " + expected + " in " + response.body())
                .hasSize(1);
        JsonNode entry = matching.getFirst();
        assertThat(entry.get("at").asString()).as("when").isNotBlank();
        assertThat(entry.get("address").asString()).as("from where").matches("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");
        if (!expected.outcome().equals("SUCCESS")) {
            assertThat(entry.get("reason").asString()).as("why").isNotBlank();
        }
        if (!expected.outcome().equals("FAILURE") || expected.action().equals("SQL_RUN")) {
            assertThat(entry.get("role").asString()).as("the caller's role").isNotBlank();
        }
        if (expected.secret() != null) {
            assertThat(response.body()).as("the log holds no secret").doesNotContain(expected.secret());
        }
    }

    static List<String> cases() {
        return CASES;
    }

    Expect perform(String name) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return switch (name) {
            case "SIGN_IN" -> {
                web().signIn(Role.ADMIN);
                yield new Expect("SIGN_IN", "web.admin", "web.admin", "SUCCESS");
            }
            case "SIGN_IN failed" -> {
                WebSessions.Session anonymous = web().anonymous();
                HttpResponse<String> login =
                        form(anonymous, "/login", "username=audit." + tag + "&password=wrong-" + tag);
                assertThat(login.headers().firstValue("Location").orElse("")).contains("error");
                yield new Expect("SIGN_IN", "audit." + tag, "audit." + tag, "FAILURE").secret("wrong-" + tag);
            }
            case "SIGN_OUT" -> {
                assertThat(form(web().signIn(Role.ANALYST), "/logout", "").statusCode())
                        .isEqualTo(302);
                yield new Expect("SIGN_OUT", "web.analyst", "web.analyst", "SUCCESS");
            }
            case "API_KEY_CREATE" -> {
                HttpResponse<String> page = form(admin(), "/admin/api-keys", "name=audit-" + tag + "&role=ANALYST");
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                Matcher key =
                        Pattern.compile("id=\"created-key\">(pk_[0-9a-f]+)<").matcher(page.body());
                assertThat(key.find()).isTrue();
                yield new Expect("API_KEY_CREATE", "web.admin", "audit-" + tag, "SUCCESS")
                        .with("role", "ANALYST")
                        .secret(key.group(1));
            }
            case "API_KEY_REVOKE" -> {
                keys.create("audit-" + tag, Role.ANALYST, Set.of(), "audit-test");
                String id = keys.list().stream()
                        .filter(k -> k.name().equals("audit-" + tag))
                        .findFirst()
                        .orElseThrow()
                        .id();
                assertThat(form(admin(), "/admin/api-keys/" + id + "/revoke", "")
                                .statusCode())
                        .isEqualTo(302);
                yield new Expect("API_KEY_REVOKE", "web.admin", id, "SUCCESS").with("revoked", true);
            }
            case "ACCOUNT_CREATE" -> {
                HttpResponse<String> created = form(
                        admin(),
                        "/admin/users",
                        "username=audit." + tag + "&displayName=Audit&password=audit-password-" + tag
                                + "&role=QUALITY&locale=zh");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
                yield new Expect("ACCOUNT_CREATE", "web.admin", "audit." + tag, "SUCCESS")
                        .with("role", "QUALITY")
                        .secret("audit-password-" + tag);
            }
            case "ACCOUNT_DELETE" -> {
                accounts.create("audit." + tag, "Audit", "audit-password-" + tag, Role.QUALITY, Set.of(), "zh");
                assertThat(form(admin(), "/admin/users/audit." + tag + "/delete", "")
                                .statusCode())
                        .isEqualTo(302);
                yield new Expect("ACCOUNT_DELETE", "web.admin", "audit." + tag, "SUCCESS");
            }
            case "ACCOUNT_ROLE_CHANGE" -> {
                accounts.create("audit." + tag, "Audit", "audit-password-" + tag, Role.QUALITY, Set.of(), "zh");
                HttpResponse<String> changed = form(
                        admin(),
                        "/admin/users/audit." + tag + "/role",
                        "role=REGIONAL_MANAGER&regions=" + URLEncoder.encode("华东", StandardCharsets.UTF_8));
                assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);
                yield new Expect("ACCOUNT_ROLE_CHANGE", "web.admin", "audit." + tag, "SUCCESS")
                        .with("role", "REGIONAL_MANAGER");
            }
            case "ACCOUNT_PASSWORD_RESET" -> {
                accounts.create("audit." + tag, "Audit", "audit-password-" + tag, Role.QUALITY, Set.of(), "zh");
                HttpResponse<String> reset =
                        form(admin(), "/admin/users/audit." + tag + "/password", "password=audit-reset-" + tag);
                assertThat(reset.statusCode()).as(reset.body()).isEqualTo(302);
                yield new Expect("ACCOUNT_PASSWORD_RESET", "web.admin", "audit." + tag, "SUCCESS")
                        .secret("audit-reset-" + tag);
            }
            case "PASSWORD_CHANGE", "PASSWORD_CHANGE failed" -> {
                boolean fails = name.endsWith("failed");
                accounts.create("audit." + tag, "Audit", "audit-password-" + tag, Role.QUALITY, Set.of(), "zh");
                WebSessions.Session own = web().signIn("audit." + tag, "audit-password-" + tag);
                String current = fails ? "" : "audit-password-" + tag;
                HttpResponse<String> changed = session(
                        own,
                        "POST",
                        "/api/v1/account/password",
                        "{\"currentPassword\":\"" + current + "\",\"password\":\"audit-changed-" + tag + "\"}");
                assertThat(changed.statusCode()).as(changed.body()).isEqualTo(fails ? 400 : 204);
                yield new Expect("PASSWORD_CHANGE", "audit." + tag, "audit." + tag, fails ? "FAILURE" : "SUCCESS")
                        .secret("audit-changed-" + tag);
            }
            case "EMBED_APP_REGISTER" -> {
                HttpResponse<String> page =
                        form(admin(), "/admin/embed-apps", "name=audit-" + tag + "&origin=https://shop.example.cn");
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                EmbedApps.App app = embedApps.list().stream()
                        .filter(a -> a.name().equals("audit-" + tag))
                        .findFirst()
                        .orElseThrow();
                yield new Expect("EMBED_APP_REGISTER", "web.admin", app.id(), "SUCCESS")
                        .with("origin", "https://shop.example.cn");
            }
            case "EMBED_APP_REMOVE" -> {
                String id = embedApps
                        .register("audit-" + tag, "https://shop.example.cn", "audit-test")
                        .app()
                        .id();
                assertThat(form(admin(), "/admin/embed-apps/" + id + "/delete", "")
                                .statusCode())
                        .isEqualTo(302);
                yield new Expect("EMBED_APP_REMOVE", "web.admin", id, "SUCCESS").with("removed", true);
            }
            case "SQL_RUN" -> {
                String sql = "SELECT count(*) AS n FROM transactions WHERE event_id = 'audit-" + tag + "'";
                HttpResponse<String> answer =
                        call("POST", "/api/v1/sql", "it-analyst-key", JSON.writeValueAsString(Map.of("sql", sql)));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                yield new Expect("SQL_RUN", null, null, "SUCCESS")
                        .with("sql", sql)
                        .with("rows", 1);
            }
            case "SQL_RUN failed" -> {
                String sql = "SELECT x FROM no_such_view_" + tag.replace('-', '_');
                HttpResponse<String> answer =
                        call("POST", "/api/v1/sql", "it-analyst-key", JSON.writeValueAsString(Map.of("sql", sql)));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
                yield new Expect("SQL_RUN", null, null, "FAILURE").with("sql", sql);
            }
            case "EXPORT" -> {
                String body = "{\"metrics\":[\"orders\"],\"dimensions\":[\"region\"],\"from\":\""
                        + LocalDate.now().minusDays(400) + "\",\"to\":\""
                        + LocalDate.now().plusDays(1) + "\"}";
                HttpResponse<String> file = session(admin(), "POST", "/dashboards/export?format=csv", body);
                assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
                yield new Expect("EXPORT", "web.admin", "metrics:orders", "SUCCESS").with("rows", csvRows(file.body()));
            }
            case "EXPORT at-risk" -> {
                HttpResponse<String> file = session(
                        admin(),
                        "GET",
                        "/dashboards/export/at-risk?format=csv&from="
                                + LocalDate.now().minusDays(400) + "&to="
                                + LocalDate.now().plusDays(1),
                        null);
                assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
                yield new Expect("EXPORT", "web.admin", "at-risk", "SUCCESS").with("rows", csvRows(file.body()));
            }
            case "REPORT_RUN" -> {
                String id = startRun();
                yield new Expect("REPORT_RUN", null, id, "SUCCESS")
                        .with("report", "regional-performance")
                        .with("region", "华东");
            }
            case "REPORT_DOWNLOAD" -> {
                String id = finishedRun();
                HttpResponse<String> file = call("GET", "/api/v1/reports/runs/" + id + "/file", "it-admin-key", null);
                assertThat(file.statusCode()).isEqualTo(200);
                yield new Expect("REPORT_DOWNLOAD", null, id, "SUCCESS");
            }
            case "REPORT_RERUN" -> {
                String id = finishedRun();
                HttpResponse<String> rerun =
                        call("POST", "/api/v1/reports/runs/" + id + "/rerun", "it-admin-key", null);
                assertThat(rerun.statusCode()).as(rerun.body()).isEqualTo(202);
                yield new Expect("REPORT_RERUN", null, id, "SUCCESS")
                        .with("run", json(rerun).get("id").asString());
            }
            case "SCHEDULE_CREATE" -> new Expect("SCHEDULE_CREATE", null, schedule(), "SUCCESS");
            case "SCHEDULE_UPDATE" -> {
                String id = schedule();
                HttpResponse<String> edited = call(
                        "PUT", "/api/v1/reports/schedules/" + id, "it-quality-key", SCHEDULE.replace("审计 月报", "审计 改"));
                assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
                yield new Expect("SCHEDULE_UPDATE", null, id, "SUCCESS");
            }
            case "SCHEDULE_DELETE" -> {
                String id = schedule();
                assertThat(call("DELETE", "/api/v1/reports/schedules/" + id, "it-quality-key", null)
                                .statusCode())
                        .isEqualTo(204);
                yield new Expect("SCHEDULE_DELETE", null, id, "SUCCESS");
            }
            case "EMBED_EXCHANGE" -> {
                EmbedApps.Registered app = embedApps.register("audit-" + tag, "https://shop.example.cn", "audit-test");
                String token = token(app, "churn");
                HttpResponse<String> page = call(
                        "GET", "/embed/churn?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), null, null);
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                yield new Expect("EMBED_EXCHANGE", null, "churn", "SUCCESS")
                        .with("app", app.app().id())
                        .with("region", "华东")
                        .secret(token.substring(token.lastIndexOf('.') + 1));
            }
            case "EMBED_EXCHANGE failed" -> {
                HttpResponse<String> page = call("GET", "/embed/campaigns?token=audit-" + tag, null, null);
                assertThat(page.statusCode()).isEqualTo(401);
                yield new Expect("EMBED_EXCHANGE", "", "/embed/campaigns", "FAILURE").secret("audit-" + tag);
            }
            case "CASE_ASSIGN" -> caseChange("CASE_ASSIGN", "assign", "{\"owner\":\"audit@example.cn\"}");
            case "CASE_NOTE" -> caseChange("CASE_NOTE", "notes", "{\"text\":\"审计\"}");
            case "CASE_CONTACTED" -> caseChange("CASE_CONTACTED", "contacted", "{\"note\":\"已致电\"}");
            case "CASE_RESOLVE" -> caseChange("CASE_RESOLVE", "resolve", "{\"outcome\":\"已退款\"}");
            case "CASE_OWNER_SET" -> {
                HttpResponse<String> set = call(
                        "PUT",
                        "/api/v1/cases/owners/%E8%A5%BF%E5%8C%97",
                        "it-admin-key",
                        "{\"owners\":[\"nw@example.cn\"]}");
                assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
                yield new Expect("CASE_OWNER_SET", null, "西北", "SUCCESS");
            }
            case "SURVEY_CREATE" -> {
                HttpResponse<String> created = call("POST", "/api/v1/surveys", "it-quality-key", DEFINITION);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                yield new Expect("SURVEY_CREATE", null, json(created).get("id").asString(), "SUCCESS")
                        .with("status", "DRAFT");
            }
            case "SURVEY_UPDATE" -> {
                String id = json(call("POST", "/api/v1/surveys", "it-quality-key", DEFINITION))
                        .get("id")
                        .asString();
                HttpResponse<String> edited = call("PUT", "/api/v1/surveys/" + id, "it-quality-key", DEFINITION);
                assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
                yield new Expect("SURVEY_UPDATE", null, id, "SUCCESS");
            }
            case "SURVEY_ACTIVATE" ->
                new Expect("SURVEY_ACTIVATE", null, activeSurvey(DEFINITION), "SUCCESS").with("status", "ACTIVE");
            case "SURVEY_CLOSE" -> {
                String id = activeSurvey(DEFINITION);
                assertThat(call("POST", "/api/v1/surveys/" + id + "/close", "it-quality-key", null)
                                .statusCode())
                        .isEqualTo(200);
                yield new Expect("SURVEY_CLOSE", null, id, "SUCCESS").with("status", "CLOSED");
            }
            case "ACCESS_DENIED" -> {
                String key = keys.create("audit-" + tag, Role.REGIONAL_MANAGER, Set.of("华东"), "audit-test");
                assertThat(call("GET", "/api/v1/audit", key, null).statusCode()).isEqualTo(403);
                yield new Expect("ACCESS_DENIED", "api-key:audit-" + tag, "GET /api/v1/audit", "DENIED").secret(key);
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void noRoleButAdminReadsTheLogOnThePageOrTheApi(Role role) throws Exception {
        String key = keys.create(
                "audit-reader-" + role, role, role == Role.REGIONAL_MANAGER ? Set.of("华东") : Set.of(), "audit-test");
        assertThat(call("GET", "/api/v1/audit", key, null).statusCode())
                .as("API, " + role + " key")
                .isEqualTo(403);
        if (role != Role.INGEST) {
            // an ingest key has no account: on pages it is a browser that never signed in (sent to the login page)
            WebSessions.Session session = web().signIn(role);
            assertThat(session(session, "GET", "/api/v1/audit", null).statusCode())
                    .as("API, " + role + " session")
                    .isEqualTo(403);
            assertThat(session(session, "GET", "/admin/audit", null).statusCode())
                    .as("page, " + role)
                    .isEqualTo(403);
        }
        assertThat(call("GET", "/api/v1/audit", null, null).statusCode())
                .as("anonymous")
                .isEqualTo(401);
        assertThat(call("GET", "/api/v1/audit", "it-admin-key", null).statusCode())
                .as("ADMIN")
                .isEqualTo(200);
    }

    @Test
    void thePageShowsFilteredEntriesEncodedAndPaged() throws Exception {
        String stranger = "<b>audit-" + UUID.randomUUID().toString().substring(0, 8) + "</b>";
        for (int i = 0; i < 3; i++) {
            form(
                    web().anonymous(),
                    "/login",
                    "username=" + URLEncoder.encode(stranger, StandardCharsets.UTF_8) + "&password=x");
        }
        WebSessions.Session admin = admin();
        String who = URLEncoder.encode(stranger, StandardCharsets.UTF_8);
        HttpResponse<String> page = session(admin, "GET", "/admin/audit?what=sign_in&who=" + who + "&size=2", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("&lt;b&gt;audit-")
                .doesNotContain(stranger)
                .contains("id=\"audit-next\"")
                .doesNotContain("id=\"audit-previous\"");
        assertThat(Pattern.compile("<tr>\\s*<td>")
                        .matcher(page.body())
                        .results()
                        .count())
                .isEqualTo(2);
        HttpResponse<String> second =
                session(admin, "GET", "/admin/audit?what=SIGN_IN&who=" + who + "&size=2&page=1", null);
        assertThat(Pattern.compile("<tr>\\s*<td>")
                        .matcher(second.body())
                        .results()
                        .count())
                .isEqualTo(1);
        assertThat(second.body()).contains("id=\"audit-previous\"").doesNotContain("id=\"audit-next\"");

        JsonNode first = json(call("GET", "/api/v1/audit?who=" + who + "&size=2", "it-admin-key", null));
        JsonNode next = json(call("GET", "/api/v1/audit?who=" + who + "&size=2&page=1", "it-admin-key", null));
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("entries").size()).isEqualTo(2);
        assertThat(next.get("entries").size()).isEqualTo(1);
        assertThat(next.get("entries").get(0).get("id").asLong())
                .isLessThan(first.get("entries").get(1).get("id").asLong());
        assertThat(json(call(
                                "GET",
                                "/api/v1/audit?who=" + who + "&to="
                                        + LocalDate.now().minusDays(1),
                                "it-admin-key",
                                null))
                        .get("total")
                        .asLong())
                .as("nothing before today")
                .isZero();
    }

    @Test
    void aSignInRefusedByTheLockIsAFailureSayingSo() throws Exception {
        String username = "audit.lock-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            form(web().anonymous(), "/login", "username=" + username + "&password=wrong");
        }
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
        assertThat(form(web().anonymous(), "/login", "username=" + username + "&password=wrong")
                        .statusCode())
                .isEqualTo(429);

        JsonNode entries = json(call(
                        "GET", "/api/v1/audit?what=SIGN_IN&who=" + username + "&from=" + before, "it-admin-key", null))
                .get("entries");
        // the fifth wrong password may share the millisecond of `before`: it is the only other entry there can be
        assertThat(entries.valueStream()
                        .map(e -> e.get("outcome").asString() + "/"
                                + e.get("reason").asString()))
                .containsOnlyOnce("FAILURE/too many failed sign-ins")
                .isSubsetOf("FAILURE/too many failed sign-ins", "FAILURE/bad credentials");
    }

    @Test
    void theRetentionPurgeIsOneDbSchedulerTaskDueNextAtHalfPastThree() {
        Optional<ScheduledExecution<Object>> next = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> scheduler.getScheduledExecution(
                                TaskInstanceId.of("audit-retention", RecurringTask.INSTANCE)),
                        Optional::isPresent);
        ZonedDateTime due = next.orElseThrow().getExecutionTime().atZone(ZoneId.of("Asia/Shanghai"));
        assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(3, 30));
        assertThat(due.toInstant())
                .isBetween(
                        Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "size,0",
        "size,201",
        "page,-1",
        "page,x",
        "from,yesterday",
        "to,2026-13-01",
        "what,SIGN-IN",
        "to,2026-01-01"
    })
    void aBadFilterIsA400NamingIt(String field, String value) throws Exception {
        String query = field.equals("to") && value.equals("2026-01-01")
                ? "from=2026-02-01&to=2026-01-01"
                : field + "=" + value;
        HttpResponse<String> api = call("GET", "/api/v1/audit?" + query, "it-admin-key", null);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(json(api).get("field").asString()).isEqualTo(field);
        HttpResponse<String> page = session(admin(), "GET", "/admin/audit?" + query, null);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("id=\"form-error\"").contains(field + ": ");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    WebSessions web() {
        return new WebSessions(port, accounts);
    }

    WebSessions.Session admin() throws Exception {
        return web().signIn(Role.ADMIN);
    }

    HttpResponse<String> form(WebSessions.Session session, String path, String fields) throws Exception {
        String body = (fields.isEmpty() ? "" : fields + "&") + "_csrf="
                + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8);
        return pages.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Cookie", session.cookie())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> session(WebSessions.Session session, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Cookie", session.cookie())
                .header("X-CSRF-TOKEN", session.csrf())
                .header("Accept", path.startsWith("/api/") ? "application/json" : "text/html")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return pages.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static long csvRows(String csv) {
        return csv.lines().filter(l -> !l.isBlank()).count() - 1;
    }

    String startRun() throws Exception {
        HttpResponse<String> started = call(
                "POST",
                "/api/v1/reports/regional-performance/runs",
                "it-admin-key",
                "{\"region\":\"华东\"," + MAY + ",\"format\":\"pdf\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return json(started).get("id").asString();
    }

    String finishedRun() throws Exception {
        String id = startRun();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> json(call("GET", "/api/v1/reports/runs/" + id, "it-admin-key", null))
                                .get("status")
                                .asString(),
                        status -> status.equals("SUCCEEDED"));
        return id;
    }

    String schedule() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/reports/schedules", "it-quality-key", SCHEDULE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asString();
    }

    Expect caseChange(String action, String step, String body) throws Exception {
        String id = detractorCase("华南", "审计");
        if (step.equals("resolve")) {
            assertThat(call("POST", "/api/v1/cases/" + id + "/contacted", "it-quality-key", "{}")
                            .statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> changed = call("POST", "/api/v1/cases/" + id + "/" + step, "it-quality-key", body);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        return new Expect(action, null, id, "SUCCESS");
    }

    /** An HS256 token of {@code app} for a dashboard locked to 华东, valid for ten minutes. */
    static String token(EmbedApps.Registered app, String dashboard) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"iss\":\"" + app.app().id() + "\",\"exp\":"
                                + (Instant.now().getEpochSecond() + 600) + ",\"dashboard\":\"" + dashboard
                                + "\",\"region\":\"华东\"}")
                        .getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(app.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
