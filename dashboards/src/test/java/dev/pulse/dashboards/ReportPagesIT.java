package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.PeriodRule;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.ReportSchedule;
import dev.pulse.reporting.ReportSchedules;
import dev.pulse.reporting.RunRequest;
import dev.pulse.reporting.RunStatus;
import dev.pulse.reporting.ScheduleRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The report pages over HTTP with browser sessions: the archive shows a regional manager only their
 * regions' runs, a run's page shows its archive record and re-renders it, the run and schedule forms
 * need the CSRF token and answer a bad field with 400 and the message next to it, a schedule's link opens its form
 * filled with what it is and saves an edit, its button deletes it,
 * and text is escaped.
 */
@PulseApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPagesIT {

    static final Caller ADMIN = new Caller("pages.admin", Role.ADMIN, Scope.ALL);
    static final Caller QUALITY = new Caller("pages.quality", Role.QUALITY, Scope.ALL);
    static final LocalDate MAY = LocalDate.of(2026, 5, 1);
    static final LocalDate JUNE = LocalDate.of(2026, 6, 1);

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    ReportRuns runs;

    @Autowired
    ReportSchedules schedules;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    ReportRun east;
    ReportRun south;

    @BeforeAll
    void produceReports() {
        east = runs.runNow(ADMIN, new RunRequest(ReportKind.REGIONAL_PERFORMANCE, "华东", MAY, JUNE, "pdf"));
        south = runs.runNow(ADMIN, new RunRequest(ReportKind.REGIONAL_PERFORMANCE, "华南", MAY, JUNE, "pdf"));
        assertThat(east.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(south.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aRegionalManagersArchiveHoldsOnlyTheirRegionsRuns() throws Exception {
        WebSessions.Session manager = web().signIn(Role.REGIONAL_MANAGER);

        HttpResponse<String> archive = get("/reports/archive", manager);

        assertThat(archive.statusCode()).isEqualTo(200);
        assertThat(archive.body())
                .contains("data-run=\"" + east.id() + "\"")
                .doesNotContain(south.id())
                .doesNotContain("data-region=\"华南\"")
                .contains("id=\"nav-reports\"");
        assertThat(get("/reports/archive/" + south.id(), manager).statusCode())
                .as("another region's run does not exist")
                .isEqualTo(404);
        HttpResponse<String> otherRegion = get("/reports/archive?region=" + encode("华南"), manager);
        assertThat(otherRegion.statusCode()).isEqualTo(400);
        assertThat(otherRegion.body()).contains("data-field=\"region\"").doesNotContain(south.id());
        HttpResponse<String> executive = get("/reports/archive", web().signIn(Role.EXECUTIVE));
        assertThat(executive.body()).contains(east.id(), south.id());
        assertThat(get("/reports/archive?region=" + encode("华南"), web().signIn(Role.EXECUTIVE))
                        .body())
                .contains(south.id())
                .doesNotContain(east.id());
    }

    @Test
    void aRunsPageShowsItsArchiveRecordAndReRendersIt() throws Exception {
        WebSessions.Session manager = web().signIn(Role.REGIONAL_MANAGER);

        HttpResponse<String> page = get("/reports/archive/" + east.id(), manager);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "id=\"run-sha256\" class=\"sha\">" + east.sha256() + "<",
                        "href=\"/api/v1/reports/runs/" + east.id() + "/file\"",
                        "&quot;region&quot;:&quot;华东&quot;",
                        "id=\"run-sql\"");
        assertThat(page.body()).containsPattern("id=\"run-watermark\">\\d+<");
        assertThat(page.body()).contains("id=\"no-deliveries\"");
        assertThat(form("/reports/archive/" + east.id() + "/rerun", null, manager)
                        .statusCode())
                .as("without the CSRF token")
                .isEqualTo(403);

        HttpResponse<String> rerun = form("/reports/archive/" + east.id() + "/rerun", manager.csrf(), manager);

        assertThat(rerun.statusCode()).isEqualTo(302);
        String again = location(rerun);
        assertThat(again).isNotEqualTo(east.id());
        assertThat(runs.find(ADMIN, again)).hasValueSatisfying(r -> {
            assertThat(r.region()).isEqualTo("华东");
            assertThat(r.from()).isEqualTo(MAY);
        });
        assertThat(form("/reports/archive/" + south.id() + "/rerun", manager.csrf(), manager)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theRunFormStartsARunAndNamesTheBadField() throws Exception {
        WebSessions.Session manager = web().signIn(Role.REGIONAL_MANAGER);
        assertThat(get("/reports/run", manager).body())
                .contains("<option value=\"华东\">华东</option>")
                .doesNotContain("华南");

        HttpResponse<String> started = form(
                "/reports/run",
                manager.csrf(),
                manager,
                "report",
                "regional-performance",
                "region",
                "华东",
                "from",
                "2026-04-01",
                "to",
                "2026-05-01",
                "format",
                "pdf");

        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(runs.find(ADMIN, location(started)))
                .hasValueSatisfying(r -> assertThat(r.from()).isEqualTo(LocalDate.of(2026, 4, 1)));
        HttpResponse<String> badDate = form(
                "/reports/run",
                manager.csrf(),
                manager,
                "report",
                "regional-performance",
                "region",
                "华东",
                "from",
                "2026-02-30",
                "to",
                "2026-05-01");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body())
                .contains("data-field=\"from\">from must be a date like 2026-05-01, not 2026-02-30<")
                .contains("value=\"2026-02-30\"");
        HttpResponse<String> otherRegion = form(
                "/reports/run",
                manager.csrf(),
                manager,
                "report",
                "regional-performance",
                "region",
                "华南",
                "from",
                "2026-04-01",
                "to",
                "2026-05-01");
        assertThat(otherRegion.statusCode()).isEqualTo(403);
        assertThat(otherRegion.body()).contains("data-field=\"region\"");
        HttpResponse<String> noReport =
                form("/reports/run", manager.csrf(), manager, "report", "<svg/onload=alert(1)>");
        assertThat(noReport.statusCode()).isEqualTo(400);
        assertThat(noReport.body()).contains("data-field=\"report\"").doesNotContain("<svg");
    }

    @Test
    void theRunFormSubmittedInALoopAnswers429WithTheFormNamingTheLimit() throws Exception {
        WebSessions.Session executive = web().signIn(Role.EXECUTIVE);
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(form(
                    "/reports/run",
                    executive.csrf(),
                    executive,
                    "report",
                    "national-summary",
                    "from",
                    "2026-04-01",
                    "to",
                    "2026-05-01",
                    "format",
                    "pdf"));
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(302, 429));
        HttpResponse<String> refused = answers.stream()
                .filter(answer -> answer.statusCode() == 429)
                .findFirst()
                .orElseThrow();
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body())
                .contains("data-field=\"report\"", "pulse.reporting.max-runs-per-caller")
                .contains("value=\"2026-04-01\"");
        for (HttpResponse<String> started :
                answers.stream().filter(answer -> answer.statusCode() == 302).toList()) {
            String id = location(started);
            await().atMost(java.time.Duration.ofSeconds(120))
                    .until(
                            () -> runs.find(ADMIN, id).orElseThrow().status(),
                            status -> status == RunStatus.SUCCEEDED || status == RunStatus.FAILED);
        }
    }

    @Test
    void qualityCreatesASchedulePerRegionAndBadFieldsAreShownNextToThem() throws Exception {
        WebSessions.Session quality = qualityInChinese();
        String name = "页面月报 <b>" + System.nanoTime() + "</b>";

        HttpResponse<String> created = form(
                "/reports/schedules",
                quality.csrf(),
                quality,
                "name",
                name,
                "cron",
                "0 0 8 1 * ?",
                "zone",
                "Asia/Shanghai",
                "periodRule",
                "PREVIOUS_MONTH",
                "language",
                "zh",
                "regions",
                "华东",
                "regions",
                "华南",
                "recipients.华东",
                "east.page@example.cn; east.two@example.cn",
                "recipients.华南",
                "");

        assertThat(created.statusCode()).isEqualTo(302);
        HttpResponse<String> list = get("/reports/schedules", quality);
        String escaped = name.replace("<", "&lt;").replace(">", "&gt;");
        assertThat(list.body()).contains(escaped).doesNotContain(name);
        String row = list.body().substring(list.body().indexOf(escaped));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row)
                .contains("east.page@example.cn, east.two@example.cn", "class=\"note owners\">大区负责人<", "上个月")
                .containsPattern("class=\"next-run\">20\\d\\d-\\d\\d-01 08:00 \\(Asia/Shanghai\\)<");

        HttpResponse<String> badCron = form(
                "/reports/schedules",
                quality.csrf(),
                quality,
                "name",
                "坏的",
                "cron",
                "every monday",
                "periodRule",
                "PREVIOUS_WEEK",
                "regions",
                "华东",
                "recipients.华东",
                "not-an-address");
        assertThat(badCron.statusCode()).isEqualTo(400);
        assertThat(badCron.body())
                .contains("data-field=\"cron\">cron must have six fields")
                .as("the entered values are kept")
                .contains("value=\"every monday\"", "value=\"not-an-address\"");
        HttpResponse<String> badAddress = form(
                "/reports/schedules",
                quality.csrf(),
                quality,
                "name",
                "坏的",
                "cron",
                "0 0 8 * * MON",
                "periodRule",
                "PREVIOUS_WEEK",
                "regions",
                "华东",
                "recipients.华东",
                "not-an-address");
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertThat(badAddress.body()).contains("data-field=\"recipients.华东\">not an e-mail address: not-an-address<");

        WebSessions.Session manager = web().signIn(Role.REGIONAL_MANAGER);
        assertThat(get("/reports/schedules", manager).statusCode()).isEqualTo(403);
        assertThat(form("/reports/schedules", manager.csrf(), manager, "name", "x")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void qualityDeletesAScheduleWithItsButtonAndTheListSaysWhichOneWent() throws Exception {
        WebSessions.Session quality = qualityInChinese();
        String name = "待删除 <i>" + System.nanoTime() + "</i>";
        ReportSchedule schedule = schedules.create(
                QUALITY,
                new ScheduleRequest(
                        name,
                        ReportKind.REGIONAL_PERFORMANCE,
                        "0 0 8 1 * ?",
                        null,
                        PeriodRule.PREVIOUS_MONTH,
                        List.of("华东"),
                        Map.of(),
                        "zh"));
        String action = "/reports/schedules/" + schedule.id() + "/delete";
        String row = row(get("/reports/schedules", quality).body(), schedule.id());
        assertThat(row).contains("action=\"" + action + "\"", "name=\"_csrf\"", ">删除</button>");

        assertThat(form(action, null, quality).statusCode())
                .as("without the CSRF token")
                .isEqualTo(403);
        WebSessions.Session manager = web().signIn(Role.REGIONAL_MANAGER);
        assertThat(form(action, manager.csrf(), manager).statusCode()).isEqualTo(403);
        assertThat(schedules.list()).extracting(ReportSchedule::id).contains(schedule.id());

        HttpResponse<String> deleted = form(action, quality.csrf(), quality);

        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(deleted.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/reports/schedules"));
        String page = get("/reports/schedules", quality).body();
        assertThat(page)
                .doesNotContain("data-schedule=\"" + schedule.id() + "\"")
                .contains("<p class=\"confirmation\" id=\"schedule-deleted\">已删除定时报告“待删除 &lt;i&gt;");
        assertThat(get("/reports/schedules", quality).body())
                .as("the message is shown once")
                .doesNotContain("schedule-deleted");
        assertThat(schedules.list()).extracting(ReportSchedule::id).doesNotContain(schedule.id());
        assertThat(form(action, quality.csrf(), quality).statusCode())
                .as("deleted already")
                .isEqualTo(404);
    }

    @Test
    void qualityEditsAScheduleThroughItsFormAndARefusalKeepsTheEnteredValues() throws Exception {
        WebSessions.Session quality = qualityInChinese();
        String name = "待编辑 <u>" + System.nanoTime() + "</u>";
        ReportSchedule schedule = schedules.create(
                QUALITY,
                new ScheduleRequest(
                        name,
                        ReportKind.REGIONAL_PERFORMANCE,
                        "0 0 8 1 * ?",
                        null,
                        PeriodRule.PREVIOUS_MONTH,
                        List.of("华东"),
                        Map.of("华东", List.of("east.before@example.cn")),
                        "zh"));
        ReportSchedule stored = schedules.find(schedule.id()).orElseThrow();
        String edit = "/reports/schedules/" + schedule.id() + "/edit";
        String action = "/reports/schedules/" + schedule.id();
        assertThat(row(get("/reports/schedules", quality).body(), schedule.id()))
                .contains("href=\"" + edit + "\">编辑</a>");

        HttpResponse<String> page = get(edit, quality);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "action=\"" + action + "\"",
                        "name=\"_csrf\"",
                        "value=\"0 0 8 1 * ?\"",
                        "value=\"Asia/Shanghai\"",
                        "value=\"east.before@example.cn\"",
                        ">保存</button>")
                .contains("编辑定时报告“待编辑 &lt;u&gt;")
                .doesNotContain(name);
        assertThat(ticked(page.body(), "华东")).isTrue();
        assertThat(ticked(page.body(), "西南")).isFalse();

        HttpResponse<String> refused = form(
                action,
                quality.csrf(),
                quality,
                "name",
                name,
                "cron",
                "every friday",
                "zone",
                "Asia/Shanghai",
                "periodRule",
                "PREVIOUS_WEEK",
                "language",
                "en",
                "regions",
                "华东",
                "regions",
                "西南",
                "recipients.华东",
                "east.after@example.cn",
                "recipients.西南",
                "sw.after@example.cn");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("data-field=\"cron\">cron must have six fields", "action=\"" + action + "\"")
                .as("the entered values are kept")
                .contains("value=\"every friday\"", "value=\"sw.after@example.cn\"", "<option value=\"en\" selected");
        assertThat(ticked(refused.body(), "西南")).isTrue();
        assertThat(schedules.find(schedule.id())).as("nothing changed").hasValue(stored);

        assertThat(form(action, null, quality, "name", "x").statusCode())
                .as("without the CSRF token")
                .isEqualTo(403);
        WebSessions.Session manager = web().signIn(Role.REGIONAL_MANAGER);
        assertThat(get(edit, manager).statusCode()).isEqualTo(403);
        assertThat(form(action, manager.csrf(), manager, "name", "x").statusCode())
                .isEqualTo(403);

        HttpResponse<String> saved = form(
                action,
                quality.csrf(),
                quality,
                "name",
                name,
                "cron",
                "0 0 8 * * FRI",
                "zone",
                "Asia/Shanghai",
                "periodRule",
                "PREVIOUS_WEEK",
                "language",
                "en",
                "regions",
                "华东",
                "regions",
                "西南",
                "recipients.华东",
                "east.after@example.cn",
                "recipients.西南",
                "");

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/reports/schedules"));
        String list = get("/reports/schedules", quality).body();
        assertThat(list).contains("<p class=\"confirmation\" id=\"schedule-edited\">已保存定时报告“待编辑 &lt;u&gt;");
        assertThat(row(list, schedule.id()))
                .contains("0 0 8 * * FRI", "east.after@example.cn", "class=\"note owners\">大区负责人<", "上一周")
                .doesNotContain("east.before@example.cn")
                .containsPattern("class=\"next-run\">20\\d\\d-\\d\\d-\\d\\d 08:00 \\(Asia/Shanghai\\)<");
        assertThat(get("/reports/schedules", quality).body())
                .as("the message is shown once")
                .doesNotContain("schedule-edited");
        ReportSchedule edited = schedules.find(schedule.id()).orElseThrow();
        assertThat(edited.regions()).containsExactly("华东", "西南");
        assertThat(edited.recipients()).containsExactly(Map.entry("华东", List.of("east.after@example.cn")));
        assertThat(schedules.nextRun(schedule.id()))
                .hasValueSatisfying(next ->
                        assertThat(next.atZone(edited.zone()).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY));

        schedules.delete(QUALITY, schedule.id());
        assertThat(get(edit, quality).statusCode()).as("deleted").isEqualTo(404);
        assertThat(form(action, quality.csrf(), quality, "name", name).statusCode())
                .as("deleted")
                .isEqualTo(404);
    }

    /** A quality team session, in Chinese: other tests share this account and may have switched it to English. */
    WebSessions.Session qualityInChinese() throws Exception {
        WebSessions.Session quality = web().signIn(Role.QUALITY);
        assertThat(form("/account/locale", quality.csrf(), quality, "lang", "zh", "back", "/reports/schedules")
                        .statusCode())
                .isEqualTo(302);
        return quality;
    }

    /** Whether a schedule form ticks the region's box. */
    static boolean ticked(String page, String region) {
        String box = page.substring(page.indexOf("name=\"regions\" value=\"" + region + "\""));
        return box.substring(0, box.indexOf('>')).contains("checked");
    }

    /** The table row of a schedule on the schedules page. */
    static String row(String page, String scheduleId) {
        String row = page.substring(page.indexOf("data-schedule=\"" + scheduleId + "\""));
        return row.substring(0, row.indexOf("</tr>"));
    }

    WebSessions web() {
        return new WebSessions(port, accounts);
    }

    HttpResponse<String> get(String path, WebSessions.Session session) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/html")
                        .header("Cookie", session.cookie())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> form(String path, String csrf, WebSessions.Session session, String... pairs) throws Exception {
        StringBuilder body = new StringBuilder(csrf == null ? "" : "_csrf=" + encode(csrf));
        for (int i = 0; i < pairs.length; i += 2) {
            body.append('&').append(encode(pairs[i])).append('=').append(encode(pairs[i + 1]));
        }
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Cookie", session.cookie())
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String location(HttpResponse<?> response) {
        Matcher m = Pattern.compile("/reports/archive/([0-9a-f-]{36})$")
                .matcher(response.headers().firstValue("Location").orElse(""));
        assertThat(m.find()).as("a redirect to a run's page").isTrue();
        return m.group(1);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
