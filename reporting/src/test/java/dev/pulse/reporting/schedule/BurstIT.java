package dev.pulse.reporting.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.RegionDirectory;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.PeriodRule;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.ReportSchedule;
import dev.pulse.reporting.ReportSchedules;
import dev.pulse.reporting.ReportingSettings;
import dev.pulse.reporting.ScheduleBursts;
import dev.pulse.reporting.ScheduleNotFoundException;
import dev.pulse.reporting.ScheduleRequest;
import dev.pulse.reporting.SeedData;
import dev.pulse.warehouse.ClickHouseEngine;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.access.AccessDeniedException;

/**
 * Schedules burst one PDF per region to that region's recipients, once, through retries and restarts (GreenMail);
 * an edited schedule keeps its deliveries and bursts its new definition from its next due time; a deleted schedule
 * bursts no more and keeps its deliveries.
 */
@SpringBootTest
class BurstIT {

    static final List<String> REGIONS = List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北");
    static final Caller ADMIN = new Caller("admin", Role.ADMIN, Scope.ALL);
    /** Fired at 08:00 on 1 June 2026 in Shanghai: the previous month is May. */
    static final Instant JUNE_FIRST = Instant.parse("2026-06-01T00:00:00Z");

    static final Instant JULY_FIRST = Instant.parse("2026-07-01T00:00:00Z");
    static final Caller QUALITY = new Caller("quality.lead", Role.QUALITY, Scope.ALL);

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    ReportSchedules schedules;

    @Autowired
    Burst burst;

    @Autowired
    Scheduler scheduler;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScheduleStore store;

    @Autowired
    ReportRuns runs;

    @Autowired
    JavaMailSender mail;

    @Autowired
    ReportingSettings settings;

    GreenMail smtp;

    @BeforeEach
    void start() {
        SeedData.load(engine);
        smtp = new GreenMail(new ServerSetup(46025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void aBurstOverAllSevenRegionsMailsEachRegionOnlyItsOwnReport() throws Exception {
        ReportSchedule schedule = schedules.create(ADMIN, request("monthly-all", REGIONS));

        burst.run(schedule.id(), JUNE_FIRST);

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(7);
        Map<String, String> regionByRecipient =
                REGIONS.stream().collect(Collectors.toMap(r -> recipient("monthly-all", r), r -> r));
        for (MimeMessage mail : mails) {
            List<String> to = Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString)
                    .toList();
            assertThat(to).hasSize(1);
            String region = regionByRecipient.get(to.getFirst());
            assertThat(mail.getSubject()).isEqualTo("Pulse 区域经营报告｜" + region + "｜2026-05-01 至 2026-05-31");
            String pdf = attachmentText(mail);
            assertThat(pdf).contains(region, "2026-05-01 至 2026-05-31");
            REGIONS.stream()
                    .filter(other -> !other.equals(region))
                    .forEach(other -> assertThat(pdf).doesNotContain(other));
        }
        assertThat(statuses(schedule.id())).containsOnly("SENT").hasSize(7);
    }

    @Test
    void aRestartInTheMiddleOfABurstDeliversEachRegionOnce() {
        ReportSchedule schedule = schedules.create(ADMIN, request("restart", List.of("华东", "西南", "华北")));
        String delivered = delivery(schedule.id(), "华东", "SENT");
        String inFlight = delivery(schedule.id(), "西南", "SENDING");

        burst.run(schedule.id(), JUNE_FIRST);
        burst.run(schedule.id(), JUNE_FIRST);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(statusOf(delivered)).isEqualTo("SENT");
        assertThat(statusOf(inFlight)).isEqualTo("UNCONFIRMED");
        assertThat(statuses(schedule.id())).containsExactlyInAnyOrder("SENT", "UNCONFIRMED", "SENT");
    }

    @Test
    void anSmtpServerThatRefusesTwiceThenAcceptsGetsTheMailOnce() {
        ReportSchedule schedule = schedules.create(ADMIN, request("refusing", List.of("华东")));
        smtp.stop();

        assertThatThrownBy(() -> burst.run(schedule.id(), JUNE_FIRST))
                .isInstanceOf(ScheduleBursts.BurstIncompleteException.class);
        assertThatThrownBy(() -> burst.run(schedule.id(), JUNE_FIRST))
                .isInstanceOf(ScheduleBursts.BurstIncompleteException.class);
        Map<String, Object> failed = deliveryRow(schedule.id());
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat((String) failed.get("last_error")).contains("Mail");

        smtp = new GreenMail(new ServerSetup(46025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        burst.run(schedule.id(), JUNE_FIRST);
        burst.run(schedule.id(), JUNE_FIRST);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        Map<String, Object> sent = deliveryRow(schedule.id());
        assertThat(sent.get("status")).isEqualTo("SENT");
        assertThat(((Number) sent.get("attempts")).intValue()).isEqualTo(3);
        assertThat(sent.get("run_id")).isEqualTo(failed.get("run_id"));
    }

    @Test
    void aMissedExecutionRunsOnceWhenTheSchedulerPicksItUp() {
        ReportSchedule schedule = schedules.create(ADMIN, request("missed", List.of("西北")));
        TaskInstanceId instance = TaskInstanceId.of(ScheduleConfiguration.TASK, schedule.id());
        assertThat(scheduler.getScheduledExecution(instance))
                .hasValueSatisfying(
                        execution -> assertThat(execution.getExecutionTime()).isAfter(Instant.now()));

        scheduler.reschedule(instance, Instant.now().minus(Duration.ofDays(3)));
        scheduler.triggerCheckForDueExecutions(); // now, not at the next 10 s poll

        await().atMost(Duration.ofSeconds(90)).until(() -> smtp.getReceivedMessages().length == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> scheduler
                        .getScheduledExecution(instance)
                        .map(e -> e.getExecutionTime().isAfter(Instant.now()))
                        .orElse(false));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(statuses(schedule.id())).containsExactly("SENT");
    }

    @Test
    void aDeletedScheduleIsListedNoMoreNeverBurstsAgainAndKeepsItsDeliveries() {
        ReportSchedule schedule = schedules.create(ADMIN, request("deleted", List.of("华东")));
        assertThat(burst.run(schedule.id(), JUNE_FIRST)).isEqualTo(Burst.Outcome.DELIVERED);
        TaskInstanceId instance = TaskInstanceId.of(ScheduleConfiguration.TASK, schedule.id());
        assertThat(scheduler.getScheduledExecution(instance)).isPresent();

        assertThat(schedules.delete(QUALITY, schedule.id()).name()).isEqualTo("deleted");

        assertThat(schedules.list()).extracting(ReportSchedule::id).doesNotContain(schedule.id());
        assertThat(scheduler.getScheduledExecution(instance))
                .as("its db-scheduler instance is cancelled")
                .isEmpty();
        assertThat(schedules.nextRun(schedule.id())).isEmpty();
        assertThat(burst.run(schedule.id(), JULY_FIRST)).isEqualTo(Burst.Outcome.SCHEDULE_DELETED);
        assertThat(smtp.getReceivedMessages())
                .as("only June's mail: July is not delivered")
                .hasSize(1);
        assertThat(schedules.latestDeliveries(schedule.id()))
                .as("the archive keeps what it delivered")
                .extracting(d -> d.region() + " " + d.status() + " " + d.from())
                .containsExactly("华东 SENT 2026-05-01");
        Map<String, Object> row = jdbc.sql("SELECT deleted_by, deleted_at FROM report_schedules WHERE id = :id")
                .param("id", schedule.id())
                .query()
                .singleRow();
        assertThat(row.get("deleted_by")).isEqualTo("quality.lead");
        assertThat(row.get("deleted_at")).isNotNull();
        assertThatThrownBy(() -> schedules.delete(QUALITY, schedule.id()))
                .as("deleted already")
                .isInstanceOfSatisfying(
                        ScheduleNotFoundException.class, e -> assertThat(e.id()).isEqualTo(schedule.id()));
        assertThatThrownBy(() -> schedules.delete(QUALITY, "no-such-schedule"))
                .isInstanceOf(ScheduleNotFoundException.class);
    }

    @Test
    void onlyAdminsAndTheQualityTeamDeleteSchedules() {
        ReportSchedule schedule = schedules.create(ADMIN, request("kept", List.of("华东")));

        for (Role role : List.of(Role.REGIONAL_MANAGER, Role.EXECUTIVE, Role.ANALYST, Role.INGEST)) {
            Caller caller = new Caller(
                    role.name().toLowerCase(),
                    role,
                    role == Role.REGIONAL_MANAGER ? Scope.of(Set.of("华东")) : Scope.ALL);
            assertThatThrownBy(() -> schedules.delete(caller, schedule.id()))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
        }

        assertThat(schedules.list()).extracting(ReportSchedule::id).contains(schedule.id());
        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of(ScheduleConfiguration.TASK, schedule.id())))
                .isPresent();
    }

    @Test
    void aBurstUnderWayWhenItsScheduleIsDeletedFinishesTheRegionItIsDeliveringAndStartsNoOther() {
        // 华东 goes to its owners, looked up as its delivery begins: that is when the schedule is deleted
        ScheduleRequest request = new ScheduleRequest(
                "deleted mid-burst",
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 1 * ?",
                null,
                PeriodRule.PREVIOUS_MONTH,
                List.of("华东", "西南"),
                Map.of("西南", List.of("sw-mid@pulse.test")),
                null);
        ReportSchedule schedule = schedules.create(ADMIN, request);
        RegionDirectory deletingOwners = region -> {
            schedules.delete(QUALITY, schedule.id());
            return List.of("east-owner@pulse.test");
        };
        Burst bursting = new Burst(
                store,
                runs,
                new DeliveryMailer(mail, settings.mailFrom(), settings.dashboardUrl()),
                deletingOwners,
                Clock.systemUTC());

        assertThat(bursting.run(schedule.id(), JUNE_FIRST)).isEqualTo(Burst.Outcome.SCHEDULE_DELETED);

        assertThat(smtp.getReceivedMessages())
                .extracting(BurstIT::recipientOf)
                .containsExactly("east-owner@pulse.test");
        assertThat(schedules.latestDeliveries(schedule.id()))
                .extracting(d -> d.region() + " " + d.status())
                .containsExactly("华东 SENT");
    }

    @Test
    void anInstanceWhoseScheduleWasDeletedWhileItRanEndsItselfWhenItFires() {
        // a deletion meeting a running burst cannot cancel its instance: it is marked deleted only
        ReportSchedule schedule = schedules.create(ADMIN, request("ends-itself", List.of("华北")));
        TaskInstanceId instance = TaskInstanceId.of(ScheduleConfiguration.TASK, schedule.id());
        assertThat(store.markDeleted(schedule.id(), "quality.lead", Instant.now()))
                .isTrue();

        scheduler.reschedule(instance, Instant.now().minus(Duration.ofMinutes(1)));
        scheduler.triggerCheckForDueExecutions(); // now, not at the next 10 s poll

        await().atMost(Duration.ofSeconds(90))
                .until(() -> scheduler.getScheduledExecution(instance).isEmpty());
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(statuses(schedule.id())).isEmpty();
    }

    @Test
    void anEditedScheduleDueSoonRunsOnceWithItsNewRegionAndKeepsItsHistory() throws Exception {
        ReportSchedule schedule = schedules.create(ADMIN, request("edited", List.of("华东")));
        burst.run(schedule.id(), JUNE_FIRST);
        TaskInstanceId instance = TaskInstanceId.of(ScheduleConfiguration.TASK, schedule.id());
        // a cron expression that names one second, a few seconds from now: due once, then again next year
        Instant due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime at = due.atZone(ZoneOffset.UTC);
        String cron = "%d %d %d %d %d ?"
                .formatted(at.getSecond(), at.getMinute(), at.getHour(), at.getDayOfMonth(), at.getMonthValue());

        ReportSchedule edited = schedules.update(
                QUALITY,
                schedule.id(),
                new ScheduleRequest(
                        "edited",
                        ReportKind.REGIONAL_PERFORMANCE,
                        cron,
                        "UTC",
                        PeriodRule.PREVIOUS_MONTH,
                        List.of("华东", "西南"),
                        Map.of("华东", List.of(recipient("edited", "华东")), "西南", List.of(recipient("edited", "西南"))),
                        "en"));

        assertThat(edited.id()).isEqualTo(schedule.id());
        assertThat(edited.createdBy())
                .as("the creator stays, and with it the role its runs compute as")
                .isEqualTo("admin");
        assertThat(schedules.find(schedule.id())).hasValue(edited);
        assertThat(schedules.nextRun(schedule.id()))
                .as("planned from the new cron expression")
                .hasValue(due);
        assertThat(scheduler.getScheduledExecutionsForTask(ScheduleConfiguration.TASK))
                .filteredOn(e -> e.getTaskInstance().getId().equals(schedule.id()))
                .as("still one instance")
                .hasSize(1);

        await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length >= 3);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> scheduler
                        .getScheduledExecution(instance)
                        .map(e -> e.getExecutionTime().isAfter(Instant.now().plus(Duration.ofDays(300))))
                        .orElse(false));
        assertThat(smtp.getReceivedMessages())
                .as("June's mail, then one per region of the new definition")
                .hasSize(3);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).skip(1).map(m -> recipientOf(m)))
                .containsExactlyInAnyOrder(recipient("edited", "华东"), recipient("edited", "西南"));
        LocalDate previousMonth = at.toLocalDate().withDayOfMonth(1).minusMonths(1);
        assertThat(jdbc.sql(
                                "SELECT region, period_from, status FROM report_deliveries WHERE schedule_id = :id ORDER BY period_from, region")
                        .param("id", schedule.id())
                        .query((rs, n) ->
                                rs.getString(1) + " " + rs.getObject(2, LocalDate.class) + " " + rs.getString(3))
                        .list())
                .as("the deliveries before the edit stay the schedule's")
                .containsExactly(
                        "华东 2026-05-01 SENT", "华东 " + previousMonth + " SENT", "西南 " + previousMonth + " SENT");
    }

    @Test
    void anInstanceStillPlannedUnderTheOldCronReplansItselfInsteadOfBursting() {
        ReportSchedule schedule = schedules.create(ADMIN, request("lost-race", List.of("华北")));
        TaskInstanceId instance = TaskInstanceId.of(ScheduleConfiguration.TASK, schedule.id());
        // an edit whose replan met a burst of another instance: stored, while the task instance keeps the old cron
        ReportSchedule edited = new ReportSchedule(
                schedule.id(),
                schedule.name(),
                schedule.report(),
                "0 0 9 2 * ?",
                schedule.zone(),
                schedule.periodRule(),
                schedule.regions(),
                schedule.recipients(),
                "en",
                schedule.createdBy(),
                schedule.createdAt());
        assertThat(store.update(edited)).isTrue();

        scheduler.reschedule(instance, Instant.now().minus(Duration.ofMinutes(1)));
        scheduler.triggerCheckForDueExecutions(); // now, not at the next 10 s poll

        Instant expected = new CronSchedule("0 0 9 2 * ?", schedule.zone()).getInitialExecutionTime(Instant.now());
        await().atMost(Duration.ofSeconds(90))
                .until(() -> schedules
                        .nextRun(schedule.id())
                        .filter(expected::equals)
                        .isPresent());
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(statuses(schedule.id())).isEmpty();
    }

    @Test
    void aFailedBurstWaitingForItsRetryKeepsItWhenEditedAndTheRetryDeliversWithTheNewRecipients() {
        // 西北 has neither recipients nor owners here: the burst fails and waits for its retry (backoff 2 s, doubling)
        ScheduleRequest nobody = new ScheduleRequest(
                "fixed by an edit",
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 1 * ?",
                null,
                PeriodRule.PREVIOUS_MONTH,
                List.of("西北"),
                Map.of(),
                null);
        ReportSchedule schedule = schedules.create(ADMIN, nobody);
        TaskInstanceId instance = TaskInstanceId.of(ScheduleConfiguration.TASK, schedule.id());
        scheduler.reschedule(instance, Instant.now().minus(Duration.ofMinutes(1)));
        scheduler.triggerCheckForDueExecutions(); // now, not at the next 10 s poll
        await().atMost(Duration.ofSeconds(60))
                .until(() -> statuses(schedule.id()).equals(List.of("FAILED"))
                        && scheduler
                                .getScheduledExecution(instance)
                                .map(e -> e.getConsecutiveFailures() > 0)
                                .orElse(false));

        schedules.update(
                QUALITY,
                schedule.id(),
                new ScheduleRequest(
                        "fixed by an edit",
                        ReportKind.REGIONAL_PERFORMANCE,
                        "0 0 8 1 * ?",
                        null,
                        PeriodRule.PREVIOUS_MONTH,
                        List.of("西北"),
                        Map.of("西北", List.of("nw-fixed@pulse.test")),
                        null));

        assertThat(schedules.nextRun(schedule.id()))
                .as("the retry, not the first of next month")
                .hasValueSatisfying(
                        next -> assertThat(next).isBefore(Instant.now().plus(Duration.ofMinutes(5))));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> statuses(schedule.id()).equals(List.of("SENT")));
        assertThat(smtp.getReceivedMessages()).extracting(BurstIT::recipientOf).containsExactly("nw-fixed@pulse.test");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> schedules
                        .nextRun(schedule.id())
                        .map(next -> next.isAfter(Instant.now().plus(Duration.ofDays(1))))
                        .orElse(false));
    }

    @Test
    void aBurstUnderWayWhenItsScheduleIsEditedFinishesWithTheDefinitionItStartedWith() {
        // 华东 goes to its owners, looked up as its delivery begins: that is when the schedule is edited
        ScheduleRequest before = new ScheduleRequest(
                "edited mid-burst",
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 1 * ?",
                null,
                PeriodRule.PREVIOUS_MONTH,
                List.of("华东", "西南"),
                Map.of("西南", List.of("sw-old@pulse.test")),
                null);
        ScheduleRequest after = new ScheduleRequest(
                "edited mid-burst",
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 1 * ?",
                null,
                PeriodRule.PREVIOUS_MONTH,
                List.of("华东", "西南"),
                Map.of("西南", List.of("sw-new@pulse.test")),
                null);
        ReportSchedule schedule = schedules.create(ADMIN, before);
        RegionDirectory editingOwners = region -> {
            schedules.update(QUALITY, schedule.id(), after);
            return List.of("east-owner@pulse.test");
        };
        Burst bursting = new Burst(
                store,
                runs,
                new DeliveryMailer(mail, settings.mailFrom(), settings.dashboardUrl()),
                editingOwners,
                Clock.systemUTC());

        assertThat(bursting.run(schedule.id(), JUNE_FIRST)).isEqualTo(Burst.Outcome.DELIVERED);

        assertThat(smtp.getReceivedMessages())
                .extracting(BurstIT::recipientOf)
                .containsExactly("east-owner@pulse.test", "sw-old@pulse.test");
        assertThat(schedules.find(schedule.id()).orElseThrow().recipients())
                .containsExactly(Map.entry("西南", List.of("sw-new@pulse.test")));
    }

    @Test
    void onlyAdminsAndTheQualityTeamEditLiveSchedulesAndARefusalNamesTheField() {
        ReportSchedule schedule = schedules.create(ADMIN, request("unchanged", List.of("华东")));
        ReportSchedule stored = schedules.find(schedule.id()).orElseThrow();
        ScheduleRequest everyDay = new ScheduleRequest(
                "unchanged",
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 * * ?",
                null,
                PeriodRule.PREVIOUS_WEEK,
                List.of("华东"),
                Map.of(),
                null);

        for (Role role : List.of(Role.REGIONAL_MANAGER, Role.EXECUTIVE, Role.ANALYST, Role.INGEST)) {
            Caller caller = new Caller(
                    role.name().toLowerCase(),
                    role,
                    role == Role.REGIONAL_MANAGER ? Scope.of(Set.of("华东")) : Scope.ALL);
            assertThatThrownBy(() -> schedules.update(caller, schedule.id(), everyDay))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
        }
        ScheduleRequest badCron = new ScheduleRequest(
                "unchanged",
                ReportKind.REGIONAL_PERFORMANCE,
                "every day",
                null,
                PeriodRule.PREVIOUS_WEEK,
                List.of("华东"),
                Map.of(),
                null);
        assertThatThrownBy(() -> schedules.update(QUALITY, schedule.id(), badCron))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("cron"));
        assertThat(schedules.find(schedule.id())).as("nothing changed").hasValue(stored);

        assertThatThrownBy(() -> schedules.update(QUALITY, "no-such-schedule", everyDay))
                .isInstanceOf(ScheduleNotFoundException.class);
        schedules.delete(QUALITY, schedule.id());
        assertThatThrownBy(() -> schedules.update(QUALITY, schedule.id(), everyDay))
                .as("deleted")
                .isInstanceOfSatisfying(
                        ScheduleNotFoundException.class, e -> assertThat(e.id()).isEqualTo(schedule.id()));
        assertThat(scheduler.getScheduledExecution(TaskInstanceId.of(ScheduleConfiguration.TASK, schedule.id())))
                .as("an edit does not bring a deleted schedule's instance back")
                .isEmpty();
    }

    @Test
    void aRegionWithoutRecipientsAndWithoutOwnersIsAFailedDeliveryThatSaysWhy() {
        // this application has no module that keeps region owners: 西北 has nobody to go to
        ScheduleRequest request = new ScheduleRequest(
                "nobody",
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 1 * ?",
                null,
                PeriodRule.PREVIOUS_MONTH,
                List.of("华东", "西北"),
                Map.of("华东", List.of("east@pulse.test")),
                null);
        ReportSchedule schedule = schedules.create(ADMIN, request);

        assertThatThrownBy(() -> burst.run(schedule.id(), JUNE_FIRST))
                .isInstanceOf(ScheduleBursts.BurstIncompleteException.class)
                .hasMessageContaining("西北");

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        Map<String, Object> nobody = jdbc.sql(
                        "SELECT * FROM report_deliveries WHERE schedule_id = :id AND region = '西北'")
                .param("id", schedule.id())
                .query()
                .singleRow();
        assertThat(nobody.get("status")).isEqualTo("FAILED");
        assertThat(nobody.get("recipients")).isEqualTo("");
        assertThat(nobody.get("recipients_source")).isEqualTo("REGION_OWNERS");
        assertThat((String) nobody.get("last_error")).startsWith("no recipients: the schedule names none for 西北");
        assertThat(nobody.get("run_id")).as("no report is produced for nobody").isNull();
        assertThat(schedules.latestDeliveries(schedule.id()))
                .extracting(d -> d.region() + " " + d.status() + " " + d.recipients())
                .containsExactly("华东 SENT [east@pulse.test]", "西北 FAILED []");
    }

    @Test
    void aScheduleNeedsValidRecipientsOfItsOwnRegionsAndAValidCron() {
        ScheduleRequest badAddress = new ScheduleRequest(
                "x",
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 1 * ?",
                null,
                PeriodRule.PREVIOUS_MONTH,
                List.of("华东"),
                Map.of("华东", List.of("not-an-address")),
                null);
        ScheduleRequest otherRegion = new ScheduleRequest(
                "x",
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 1 * ?",
                null,
                PeriodRule.PREVIOUS_MONTH,
                List.of("华东"),
                Map.of("西南", List.of("sw@pulse.test")),
                null);
        ScheduleRequest badCron = new ScheduleRequest(
                "x",
                ReportKind.REGIONAL_PERFORMANCE,
                "every monday",
                null,
                PeriodRule.PREVIOUS_MONTH,
                List.of("华东"),
                Map.of("华东", List.of("a@pulse.test")),
                null);
        ScheduleRequest ownersOnly = new ScheduleRequest(
                "owners",
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 1 * ?",
                null,
                PeriodRule.PREVIOUS_MONTH,
                List.of("华东"),
                Map.of("华东", List.of()),
                null);

        assertThatThrownBy(() -> schedules.create(ADMIN, badAddress))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("recipients.华东"));
        assertThatThrownBy(() -> schedules.create(ADMIN, otherRegion))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("recipients.西南"));
        assertThatThrownBy(() -> schedules.create(ADMIN, badCron))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("cron"));
        assertThat(schedules.create(ADMIN, ownersOnly).recipients())
                .as("an empty list means the region's owners")
                .isEmpty();
    }

    private static ScheduleRequest request(String name, List<String> regions) {
        Map<String, List<String>> recipients = new LinkedHashMap<>();
        regions.forEach(region -> recipients.put(region, List.of(recipient(name, region))));
        return new ScheduleRequest(
                name,
                ReportKind.REGIONAL_PERFORMANCE,
                "0 0 8 1 * ?",
                null,
                PeriodRule.PREVIOUS_MONTH,
                regions,
                recipients,
                null);
    }

    private static String recipient(String schedule, String region) {
        return schedule + "-" + REGIONS.indexOf(region) + "@pulse.test";
    }

    private static String recipientOf(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private String delivery(String scheduleId, String region, String status) {
        String id = java.util.UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO report_deliveries (id, schedule_id, region, period_from, period_to, recipients, status, created_at)
                VALUES (:id, :schedule, :region, :from, :to, 'x@pulse.test', :status, CURRENT_TIMESTAMP)
                """)
                .param("id", id)
                .param("schedule", scheduleId)
                .param("region", region)
                .param("from", LocalDate.of(2026, 5, 1))
                .param("to", LocalDate.of(2026, 6, 1))
                .param("status", status)
                .update();
        return id;
    }

    private String statusOf(String deliveryId) {
        return jdbc.sql("SELECT status FROM report_deliveries WHERE id = :id")
                .param("id", deliveryId)
                .query(String.class)
                .single();
    }

    private List<String> statuses(String scheduleId) {
        return jdbc.sql("SELECT status FROM report_deliveries WHERE schedule_id = :id")
                .param("id", scheduleId)
                .query(String.class)
                .list();
    }

    private Map<String, Object> deliveryRow(String scheduleId) {
        return jdbc.sql("SELECT * FROM report_deliveries WHERE schedule_id = :id")
                .param("id", scheduleId)
                .query()
                .singleRow();
    }

    private static String attachmentText(MimeMessage mail) throws Exception {
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getContentType().startsWith("application/pdf")) {
                try (InputStream in = part.getInputStream();
                        PDDocument document = Loader.loadPDF(in.readAllBytes())) {
                    return new PDFTextStripper().getText(document);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no PDF attached");
    }
}
