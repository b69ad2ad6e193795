package dev.pulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.Ingestion;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Report runs over real HTTP with API keys: a regional manager runs and downloads only their own region, as PDF or XLSX;
 * the quality team creates, edits and deletes schedules: an edited one runs its new definition from its next due time,
 * a deleted one runs no more, and what either produced stays in the archive.
 */
@PulseApplicationTest
class ReportsApiIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MAY = "\"from\":\"2026-05-01\",\"to\":\"2026-06-01\"";

    @LocalServerPort
    int port;

    @Autowired
    Ingestion ingestion;

    @Autowired
    PulseSettings pulse;

    @Autowired
    Scheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRegionalManagerRunsFollowsAndDownloadsTheirRegionsReport() throws Exception {
        HttpResponse<String> started = post(
                "/api/v1/reports/regional-performance/runs",
                "it-east-key",
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
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.body()));
        assertThat(file.headers().firstValue("X-Content-SHA256")).hasValue(sha);
        assertThat(done.get("sha256").asString()).isEqualTo(sha);
        assertThat(URLDecoder.decode(
                        file.headers().firstValue("Content-Disposition").orElseThrow(), StandardCharsets.UTF_8))
                .contains("attachment", "区域经营报告-华东-2026-05-01_2026-05-31.pdf");
    }

    @Test
    void aReportRunRequestedInALoopIsRefusedWith429NamingThePerCallerLimit() throws Exception {
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(post("/api/v1/reports/national-summary/runs", "it-loop-key", "{" + MAY + "}"));
        }

        // a report takes seconds to render, so the first three are still in flight when the fourth is asked for
        assertThat(answers.subList(0, 3))
                .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(202));
        List<HttpResponse<String>> refused =
                answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        assertThat(refused).as("refused once three runs are in flight").isNotEmpty();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(202, 429));
        HttpResponse<String> first = refused.getFirst();
        assertThat(first.headers().firstValue("Retry-After"))
                .hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
        assertThat(first.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(first).get("limit").asString()).isEqualTo("pulse.reporting.max-runs-per-caller");
        assertThat(json(first).get("max").asInt()).isEqualTo(3);
        assertThat(json(first).get("status").asInt()).isEqualTo(429);

        for (HttpResponse<String> accepted :
                answers.stream().filter(answer -> answer.statusCode() == 202).toList()) {
            assertThat(awaitFinished(json(accepted).get("id").asString(), "it-loop-key")
                            .get("status")
                            .asString())
                    .isEqualTo("SUCCEEDED");
        }
        assertThat(post("/api/v1/reports/national-summary/runs", "it-loop-key", "{" + MAY + "}")
                        .statusCode())
                .as("a place is free again once the runs finished")
                .isEqualTo(202);
    }

    @Test
    void theSameReportAsXlsxIsAWorkbookWithTheRegionAndTheQueryApisNumbers() throws Exception {
        SeededData.seed(ingestion, pulse.timezone());
        LocalDate to = LocalDate.now(pulse.timezone());
        LocalDate from = to.minusDays(90);
        HttpResponse<String> started = post(
                "/api/v1/reports/regional-performance/runs",
                "it-east-key",
                "{\"region\":\"华东\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"format\":\"xlsx\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        String id = json(started).get("id").asString();
        JsonNode done = awaitFinished(id, "it-east-key");
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("format").asString()).isEqualTo("xlsx");

        HttpResponse<byte[]> file = getBytes("/api/v1/reports/runs/" + id + "/file", "it-east-key");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(URLDecoder.decode(
                        file.headers().firstValue("Content-Disposition").orElseThrow(), StandardCharsets.UTF_8))
                .contains("区域经营报告-华东-" + from + "_" + to.minusDays(1) + ".xlsx");
        assertThat(file.headers().firstValue("X-Content-SHA256"))
                .hasValue(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(file.body())));
        List<List<String>> rows = Workbooks.rows(file.body());
        assertThat(rows.stream().flatMap(List::stream))
                .anySatisfy(cell -> assertThat(cell).contains("华东"));
        List<String> nps =
                rows.stream().filter(r -> r.contains("净推荐值 NPS")).findFirst().orElseThrow();
        String value = nps.get(nps.indexOf("净推荐值 NPS") + 1);
        JsonNode query = json(post("/api/v1/query", "it-east-key", """
                {"metrics":["nps","orders"],"from":"%s","to":"%s"}""".formatted(from, to)));
        List<String> columns = query.get("columns")
                .valueStream()
                .map(c -> c.get("name").asString())
                .toList();
        JsonNode answer = query.at("/rows/0");
        BigDecimal expected = answer.get(columns.indexOf("nps")).decimalValue().setScale(1, RoundingMode.HALF_UP);
        assertThat(new BigDecimal(value)).isEqualByComparingTo(expected);
        List<String> orders =
                rows.stream().filter(r -> r.contains("订单数")).findFirst().orElseThrow();
        assertThat(orders.get(orders.indexOf("订单数") + 1).replace(",", ""))
                .isEqualTo(String.valueOf(answer.get(columns.indexOf("orders")).asLong()));
    }

    @Test
    void aRegionalManagerCannotRunOrDownloadAnotherRegionsReport() throws Exception {
        HttpResponse<String> refused = post(
                "/api/v1/reports/regional-performance/runs", "it-southwest-key", "{\"region\":\"华东\"," + MAY + "}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).get("field").asString()).isEqualTo("region");

        String id = json(post(
                        "/api/v1/reports/regional-performance/runs", "it-east-key", "{\"region\":\"华东\"," + MAY + "}"))
                .get("id")
                .asString();
        awaitFinished(id, "it-east-key");

        assertThat(get("/api/v1/reports/runs/" + id, "it-southwest-key").statusCode())
                .isEqualTo(404);
        assertThat(getBytes("/api/v1/reports/runs/" + id + "/file", "it-southwest-key")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/reports/runs/" + id, "it-exec-key").statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "regional-performance | {\"region\":\"华东\",\"from\":\"2026-13-01\",\"to\":\"2026-06-01\"} | 400 | from",
                "regional-performance | {\"region\":\"华东\",\"from\":\"2026-05-01\"}                      | 400 | to",
                "regional-performance | {\"region\":\"火星\",\"from\":\"2026-05-01\",\"to\":\"2026-06-01\"} | 400 | region",
                "regional-performance | {\"region\":7,\"from\":\"2026-05-01\",\"to\":\"2026-06-01\"}        | 400 | region",
                "regional-performance | {\"region\":\"华东\",\"from\":\"2026-05-01\",\"to\":\"2026-06-01\",\"sql\":\"x\"} | 400 | sql",
                "regional-performance | {\"region\":\"华东\",\"from\":\"2026-05-01\",\"to\":\"2026-06-01\",\"format\":\"docx\"} | 400 | format",
                "regional-performance | {not json                                                           | 400 | body",
                "regional-performance | [1,2]                                                               | 400 | body",
                "sales-forecast       | {\"from\":\"2026-05-01\",\"to\":\"2026-06-01\"}                      | 404 | report"
            })
    void badRequestsAreProblemsNamingTheField(String report, String body, int status, String field) throws Exception {
        HttpResponse<String> response = post("/api/v1/reports/" + report + "/runs", "it-exec-key", body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("field").asString()).isEqualTo(field);
    }

    @Test
    void withoutAKeyIs401AndAnIngestKeyIs403() throws Exception {
        String body = "{\"region\":\"华东\"," + MAY + "}";
        assertThat(post("/api/v1/reports/regional-performance/runs", null, body).statusCode())
                .isEqualTo(401);
        assertThat(post("/api/v1/reports/regional-performance/runs", "it-ingest-key", body)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/reports/runs/no-such-run", "it-exec-key").statusCode())
                .isEqualTo(404);
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
        assertThat(list.valueStream().map(s -> s.get("id").asString()))
                .contains(schedule.get("id").asString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
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

    @Test
    void theQualityTeamEditsAScheduleWhoseNextRunFollowsTheNewCron() throws Exception {
        String id = json(post("/api/v1/reports/schedules", "it-quality-key", """
                {"name":"月报 待改","cron":"0 0 8 1 * ?","periodRule":"PREVIOUS_MONTH","regions":["华东"],
                 "recipients":{"华东":["east.before@pulse.test"]}}"""))
                .get("id")
                .asString();
        String edit = """
                {"name":"周报 已改","cron":"0 30 7 * * MON","zone":"UTC","periodRule":"PREVIOUS_WEEK","regions":["华东","西南"],
                 "recipients":{"华东":["east.after@pulse.test"],"西南":["sw.after@pulse.test"]},"language":"en"}""";

        for (String key : List.of("it-east-key", "it-exec-key", "it-analyst-key")) {
            assertThat(put("/api/v1/reports/schedules/" + id, key, edit).statusCode())
                    .as(key)
                    .isEqualTo(403);
        }
        HttpResponse<String> edited = put("/api/v1/reports/schedules/" + id, "it-quality-key", edit);

        assertThat(edited.statusCode()).isEqualTo(200);
        JsonNode schedule = json(edited);
        assertThat(schedule.get("id").asString()).isEqualTo(id);
        assertThat(schedule.get("cron").asString()).isEqualTo("0 30 7 * * MON");
        assertThat(schedule.get("regions").valueStream().map(JsonNode::asString))
                .containsExactly("华东", "西南");
        assertThat(schedule.get("recipients").get("西南").get(0).asString()).isEqualTo("sw.after@pulse.test");
        Instant next = Instant.parse(schedule.get("nextRun").asString());
        assertThat(next.atZone(java.time.ZoneOffset.UTC).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(next.toString()).endsWith("T07:30:00Z");
        assertThat(next).isBetween(Instant.now(), Instant.now().plus(Duration.ofDays(7)));
        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of("report-schedule", id)))
                .hasValueSatisfying(e -> assertThat(e.getExecutionTime()).isEqualTo(next));
        JsonNode listed = json(get("/api/v1/reports/schedules", "it-quality-key"))
                .valueStream()
                .filter(s -> s.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(listed.get("name").asString()).isEqualTo("周报 已改");
        assertThat(listed.get("periodRule").asString()).isEqualTo("PREVIOUS_WEEK");
        assertThat(listed.get("recipients").get("华东").get(0).asString()).isEqualTo("east.after@pulse.test");
        assertThat(listed.get("nextRun").asString()).isEqualTo(next.toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"x\",\"cron\":\"every day\",\"periodRule\":\"PREVIOUS_MONTH\"} | cron",
                "{\"name\":\" \",\"cron\":\"0 0 8 * * ?\",\"periodRule\":\"PREVIOUS_MONTH\"} | name",
                "{\"name\":\"x\",\"cron\":\"0 0 8 * * ?\",\"zone\":\"Mars/Olympus\",\"periodRule\":\"PREVIOUS_MONTH\"} | zone",
                "{\"name\":\"x\",\"cron\":\"0 0 8 * * ?\",\"periodRule\":\"YEARLY\"} | periodRule",
                "{\"name\":\"x\",\"cron\":\"0 0 8 * * ?\",\"periodRule\":\"PREVIOUS_MONTH\",\"regions\":[\"火星\"]} | regions",
                "{\"name\":\"x\",\"cron\":\"0 0 8 * * ?\",\"periodRule\":\"PREVIOUS_MONTH\",\"regions\":[\"华东\"],\"recipients\":{\"华东\":[\"not-an-address\"]}} | recipients.华东",
                "{\"name\":\"x\",\"cron\":\"0 0 8 * * ?\",\"periodRule\":\"PREVIOUS_MONTH\",\"language\":\"fr\"} | language"
            })
    void aRefusedEditNamesTheFieldAndChangesNothing(String body, String field) throws Exception {
        String created = """
                {"name":"不变 %d","cron":"0 0 8 1 * ?","periodRule":"PREVIOUS_MONTH","regions":["华东"]}""".formatted(System.nanoTime());
        String id = json(post("/api/v1/reports/schedules", "it-quality-key", created))
                .get("id")
                .asString();

        HttpResponse<String> refused = put("/api/v1/reports/schedules/" + id, "it-quality-key", body);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(refused).get("field").asString()).isEqualTo(field);
        JsonNode listed = json(get("/api/v1/reports/schedules", "it-quality-key"))
                .valueStream()
                .filter(s -> s.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(listed.get("cron").asString()).isEqualTo("0 0 8 1 * ?");
        assertThat(listed.get("name").asString()).startsWith("不变 ");
    }

    @Test
    void editingAnUnknownOrDeletedScheduleIsANotFoundProblemNamingTheId() throws Exception {
        String body = """
                {"name":"x","cron":"0 0 8 1 * ?","periodRule":"PREVIOUS_MONTH","regions":["华东"]}""";
        String id = json(post("/api/v1/reports/schedules", "it-quality-key", body))
                .get("id")
                .asString();
        assertThat(delete("/api/v1/reports/schedules/" + id, "it-quality-key").statusCode())
                .isEqualTo(204);

        for (String gone : List.of(id, "no-such-schedule")) {
            HttpResponse<String> response = put("/api/v1/reports/schedules/" + gone, "it-quality-key", body);
            assertThat(response.statusCode()).as(gone).isEqualTo(404);
            assertThat(json(response).get("field").asString()).isEqualTo("id");
            assertThat(json(response).get("detail").asString()).isEqualTo("no report schedule " + gone);
        }
        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of("report-schedule", id)))
                .as("the deleted schedule's instance does not come back")
                .isEmpty();
        assertThat(scheduleIds()).doesNotContain(id);
    }

    @Test
    void anEditedScheduleDueSoonRunsWithItsNewDefinitionAndKeepsItsHistory() throws Exception {
        String id = json(post("/api/v1/reports/schedules", "it-quality-key", """
                {"name":"改为马上 %d","cron":"0 0 8 1 * ?","periodRule":"PREVIOUS_MONTH","regions":["华东"],
                 "recipients":{"华东":["east.soon@pulse.test"]}}""".formatted(System.nanoTime())))
                .get("id")
                .asString();
        // history from before the edit: a delivery of an earlier period, linked to the schedule
        jdbc.sql("""
                INSERT INTO report_deliveries (id, schedule_id, region, period_from, period_to, recipients, status, created_at)
                VALUES (:id, :schedule, '华东', DATE '2026-04-01', DATE '2026-05-01', 'east.soon@pulse.test', 'SENT', CURRENT_TIMESTAMP)
                """)
                .param("id", java.util.UUID.randomUUID().toString())
                .param("schedule", id)
                .update();
        // a cron expression naming one second a few seconds from now: due once, then next year
        java.time.ZonedDateTime at = Instant.now()
                .plusSeconds(3)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .atZone(java.time.ZoneOffset.UTC);
        String cron = "%d %d %d %d %d ?"
                .formatted(at.getSecond(), at.getMinute(), at.getHour(), at.getDayOfMonth(), at.getMonthValue());

        HttpResponse<String> edited = put("/api/v1/reports/schedules/" + id, "it-quality-key", """
                {"name":"改为马上","cron":"%s","zone":"UTC","periodRule":"PREVIOUS_MONTH","regions":["华东","西南"],
                 "recipients":{"华东":["east.soon@pulse.test"],"西南":["sw.soon@pulse.test"]}}""".formatted(cron));

        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(json(edited).get("nextRun").asString())
                .isEqualTo(at.toInstant().toString());
        // the scheduler polls every 10 s; the mail itself may fail here (no SMTP server): the run is what counts
        LocalDate previousMonth = at.toLocalDate().withDayOfMonth(1).minusMonths(1);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> runsOfDeliveries(id, previousMonth).size() == 2);
        Map<String, String> runByRegion = runsOfDeliveries(id, previousMonth);
        assertThat(runByRegion).containsOnlyKeys("华东", "西南");
        for (Map.Entry<String, String> run : runByRegion.entrySet()) {
            JsonNode produced = awaitFinished(run.getValue(), "it-quality-key");
            assertThat(produced.get("region").asString()).isEqualTo(run.getKey());
            assertThat(produced.get("from").asString()).isEqualTo(previousMonth.toString());
        }
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM report_deliveries WHERE schedule_id = :id AND period_from = DATE '2026-04-01'")
                        .param("id", id)
                        .query(Integer.class)
                        .single())
                .as("the earlier delivery stays the schedule's")
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> scheduler
                        .getScheduledExecution(TaskInstanceId.of("report-schedule", id))
                        .map(e -> e.getExecutionTime().isAfter(Instant.now().plus(Duration.ofDays(300)))
                                || e.getConsecutiveFailures() > 0)
                        .orElse(false));
    }

    @Test
    void aDeletedScheduleRunsNoMoreAndWhatItProducedStaysInTheArchive() throws Exception {
        String body = """
                {"name":"每秒 %d","cron":"* * * * * ?","periodRule":"PREVIOUS_MONTH","regions":["华东"],
                 "recipients":{"华东":["east.deleted@pulse.test"]}}""".formatted(System.nanoTime());
        String id = json(post("/api/v1/reports/schedules", "it-quality-key", body))
                .get("id")
                .asString();
        TaskInstanceId instance = TaskInstanceId.of("report-schedule", id);
        // due every second: the scheduler bursts it at its next poll (the mail itself may fail here: no SMTP server)
        String runId = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> runOfDelivery(id), run -> run != null);

        for (String key : List.of("it-east-key", "it-exec-key", "it-analyst-key")) {
            assertThat(delete("/api/v1/reports/schedules/" + id, key).statusCode())
                    .as(key)
                    .isEqualTo(403);
        }
        assertThat(scheduleIds()).contains(id);
        HttpResponse<String> deleted = delete("/api/v1/reports/schedules/" + id, "it-quality-key");

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(scheduleIds()).doesNotContain(id);
        // a burst under way when it was deleted ends the task instance itself when it finishes
        await().atMost(Duration.ofSeconds(120))
                .until(() -> scheduler.getScheduledExecution(instance).isEmpty());
        assertThatThrownBy(() -> scheduler.reschedule(instance, Instant.now()))
                .as("nothing left to trigger")
                .isInstanceOf(TaskInstanceNotFoundException.class);
        List<Map<String, Object>> deliveries = deliveries(id);
        int runs = runsOfRegion("华东");
        // due every second and polled every 10 s: a schedule still in place would have fired in this window
        await().during(Duration.ofSeconds(15))
                .atMost(Duration.ofSeconds(25))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> deliveries(id).equals(deliveries)
                        && runsOfRegion("华东") == runs
                        && scheduler.getScheduledExecution(instance).isEmpty());
        assertThat(deliveries).extracting(d -> d.get("run_id")).containsExactly(runId);
        JsonNode run = json(get("/api/v1/reports/runs/" + runId, "it-quality-key"));
        assertThat(run.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("region").asString()).isEqualTo("华东");
        assertThat(getBytes("/api/v1/reports/runs/" + runId + "/file", "it-east-key")
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> again = delete("/api/v1/reports/schedules/" + id, "it-quality-key");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(again).get("field").asString()).isEqualTo("id");
        assertThat(json(again).get("detail").asString()).isEqualTo("no report schedule " + id);
        assertThat(delete("/api/v1/reports/schedules/no-such-schedule", "it-quality-key")
                        .statusCode())
                .isEqualTo(404);
    }

    private List<String> scheduleIds() throws Exception {
        return json(get("/api/v1/reports/schedules", "it-quality-key"))
                .valueStream()
                .map(s -> s.get("id").asString())
                .toList();
    }

    private String runOfDelivery(String scheduleId) {
        return jdbc.sql("SELECT MAX(run_id) FROM report_deliveries WHERE schedule_id = :id")
                .param("id", scheduleId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private List<Map<String, Object>> deliveries(String scheduleId) {
        return jdbc.sql(
                        "SELECT id, run_id, status, attempts FROM report_deliveries WHERE schedule_id = :id ORDER BY id")
                .param("id", scheduleId)
                .query()
                .listOfRows();
    }

    /** The run of each region's delivery of a period, once it has one. */
    private Map<String, String> runsOfDeliveries(String scheduleId, LocalDate from) {
        return jdbc
                .sql(
                        "SELECT region, run_id FROM report_deliveries WHERE schedule_id = :id AND period_from = :from AND run_id IS NOT NULL")
                .param("id", scheduleId)
                .param("from", from)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private int runsOfRegion(String region) {
        return jdbc.sql("SELECT COUNT(*) FROM report_runs WHERE region = :region")
                .param("region", region)
                .query(Integer.class)
                .single();
    }

    private HttpResponse<String> delete(String path, String key) throws IOException, InterruptedException {
        return http.send(
                request(path, key).DELETE().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode awaitFinished(String id, String key) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> json(get("/api/v1/reports/runs/" + id, key)),
                        run -> run.get("status").asString().matches("SUCCEEDED|FAILED"));
    }

    private HttpResponse<String> post(String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> put(String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, key)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
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
