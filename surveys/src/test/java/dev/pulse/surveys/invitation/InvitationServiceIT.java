package dev.pulse.surveys.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.surveys.Fixtures;
import dev.pulse.surveys.RecordingIngestion;
import dev.pulse.surveys.Survey;
import dev.pulse.surveys.SurveyStateException;
import dev.pulse.surveys.SurveysSettings;
import dev.pulse.surveys.TestClock;
import dev.pulse.surveys.TestDatabase;
import dev.pulse.surveys.definition.SurveyService;
import dev.pulse.surveys.outbox.OutboxSettings;
import dev.pulse.surveys.outbox.WarehouseOutbox;
import dev.pulse.warehouse.Ingestion;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/** Invitations, tokens, mails (GreenMail) and the contact-fatigue rule, on H2 and on PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.Vendor.class)
class InvitationServiceIT {

    static final Pattern LINK = Pattern.compile("https://survey\\.example\\.cn/s/([A-Za-z0-9_-]{43})\\?lang=(zh|en)");

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final OutboxSettings OUTBOX = new OutboxSettings(
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofDays(7), 10);

    static TestDatabase db;

    @Parameter
    TestDatabase.Vendor vendor;

    final TestClock clock = new TestClock(Instant.parse("2026-05-01T02:00:00Z"));
    SurveyService surveys;
    InvitationService invitations;
    RecordingIngestion warehouse;

    @BeforeParameterizedClassInvocation
    static void open(TestDatabase.Vendor vendor) {
        db = TestDatabase.open(vendor);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        db.close();
    }

    @BeforeEach
    void services() {
        surveys = new SurveyService(db.jdbc(), Fixtures.pulse(), db.transactions(), Optional.of(clock));
        warehouse = new RecordingIngestion();
        invitations = service(mail.getSmtp().getPort());
    }

    InvitationService service(int smtpPort) {
        return service(smtpPort, outbox(warehouse));
    }

    InvitationService service(int smtpPort, WarehouseOutbox outbox) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        SurveysSettings settings = new SurveysSettings(
                30,
                URI.create("https://survey.example.cn/"),
                "调查 <pulse@example.cn>",
                10,
                5,
                DataSize.ofMegabytes(4),
                DataSize.ofMegabytes(16));
        return new InvitationService(
                surveys, db.jdbc(), sender, db.transactions(), settings, Fixtures.pulse(), outbox, Optional.of(clock));
    }

    WarehouseOutbox outbox(Ingestion ingestion) {
        return new WarehouseOutbox(db.jdbc(), ingestion, db.transactions(), OUTBOX, Optional.of(clock));
    }

    Survey activeSurvey() {
        Survey survey = surveys.create(Fixtures.everyType(), "q");
        return surveys.activate(survey.id(), "q");
    }

    static String customer() {
        return "客户-" + UUID.randomUUID();
    }

    static Recipient recipient(String customerId, String language) {
        return new Recipient(customerId, "华东", "someone@example.cn", language, "app", "tx-1");
    }

    @Test
    void eachCustomerGetsAMailWithAPersonalSingleUseLink() throws Exception {
        Survey survey = activeSurvey();
        String zh = customer();
        String en = customer();

        InvitationReport report = invitations.invite(
                survey.id(),
                List.of(
                        new Recipient(zh, "华东", "li@example.cn", "zh", "app", "tx-9"),
                        new Recipient(en, "西南", "lee@example.com", "en", null, null)),
                "质量");

        assertThat(report.created()).isEqualTo(2);
        assertThat(report.skipped()).isZero();
        assertThat(report.skippedByReason())
                .containsEntry(SkipReason.FATIGUE, 0)
                .containsEntry(SkipReason.SEND_FAILED, 0);
        MimeMessage[] messages = mail.getReceivedMessages();
        assertThat(messages).hasSize(2);

        MimeMessage toLi = Stream.of(messages)
                .filter(m -> recipientOf(m).equals("li@example.cn"))
                .findFirst()
                .orElseThrow();
        assertThat(toLi.getSubject()).isEqualTo("购物满意度调查");
        String body = (String) toLi.getContent();
        assertThat(body).contains("我们诚邀您参与以下调查：购物满意度调查", "感谢您抽出时间。");
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        assertThat(link.group(2)).isEqualTo("zh");
        assertThat(report.invitations()).extracting(InvitationReport.Sent::link).contains(link.group());

        Invitation invitation = invitations.findByToken(link.group(1)).orElseThrow();
        assertThat(invitation.customerId()).isEqualTo(zh);
        assertThat(invitation.region()).isEqualTo("华东");
        assertThat(invitation.transactionId()).isEqualTo("tx-9");
        assertThat(invitation.sentAt()).isEqualTo(clock.instant());
        assertThat(invitation.respondedAt()).isNull();

        MimeMessage toLee = Stream.of(messages)
                .filter(m -> recipientOf(m).equals("lee@example.com"))
                .findFirst()
                .orElseThrow();
        assertThat(toLee.getSubject()).isEqualTo("Shopping satisfaction");
        assertThat((String) toLee.getContent()).contains("Please answer the survey at this link:", "?lang=en");

        assertThat((boolean)
                        db.transactions().execute(tx -> invitations.markResponded(invitation.id(), clock.instant())))
                .isTrue();
        assertThat((boolean)
                        db.transactions().execute(tx -> invitations.markResponded(invitation.id(), clock.instant())))
                .isFalse();
        assertThat(invitations.findByToken(link.group(1)).orElseThrow().respondedAt())
                .isEqualTo(clock.instant());
    }

    @Test
    void aTokenThatWasNeverIssuedFindsNothing() {
        assertThat(invitations.findByToken("A".repeat(43))).isEmpty();
        assertThat(invitations.findByToken("../../etc/passwd")).isEmpty();
        assertThat(invitations.findByToken("")).isEmpty();
    }

    @Test
    void aCustomerIsInvitedAtMostOncePerFatigueWindowAcrossSurveys() {
        Survey first = activeSurvey();
        Survey second = activeSurvey();
        String c = customer();
        assertThat(invitations
                        .invite(first.id(), List.of(recipient(c, "zh")), "q")
                        .created())
                .isEqualTo(1);

        clock.advance(Duration.ofDays(30).minusSeconds(1));
        InvitationReport tooSoon = invitations.invite(second.id(), List.of(recipient(c, "zh")), "q");
        assertThat(tooSoon.created()).isZero();
        assertThat(tooSoon.skippedByReason()).containsEntry(SkipReason.FATIGUE, 1);
        assertThat(tooSoon.skippedCustomers()).containsExactly(new InvitationReport.Skipped(c, SkipReason.FATIGUE));

        clock.advance(Duration.ofSeconds(1));
        assertThat(invitations
                        .invite(second.id(), List.of(recipient(c, "zh")), "q")
                        .created())
                .isEqualTo(1);
        assertThat(mail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void everyInvitationAndEverySkipIsAWarehouseEvent() {
        Survey survey = activeSurvey();
        String c = customer();
        InvitationReport first = invitations.invite(survey.id(), List.of(recipient(c, "zh"), recipient(c, "en")), "q");
        String id = first.invitations().getFirst().invitationId();

        var events = warehouse.events("survey-invitations");
        assertThat(events).hasSize(2);
        var sent = events.getFirst();
        assertThat(sent.get("event_id").asString()).isEqualTo(id + "/sent");
        assertThat(sent.get("invitation_id").asString()).isEqualTo(id);
        assertThat(sent.get("survey_id").asString()).isEqualTo(survey.id());
        assertThat(sent.get("customer_id").asString()).isEqualTo(c);
        assertThat(sent.get("region").asString()).isEqualTo("华东");
        assertThat(sent.get("channel").asString()).isEqualTo("app");
        assertThat(sent.get("status").asString()).isEqualTo("sent");
        assertThat(sent.get("ts").asString()).isEqualTo("2026-05-01T10:00:00.000+08:00");
        assertThat(sent.has("reason")).isFalse();
        var skipped = events.get(1);
        assertThat(skipped.get("status").asString()).isEqualTo("skipped");
        assertThat(skipped.get("reason").asString()).isEqualTo("DUPLICATE_IN_REQUEST");
        assertThat(skipped.get("event_id").asString())
                .isEqualTo(skipped.get("invitation_id").asString() + "/skipped")
                .doesNotStartWith(id);

        invitations.invite(survey.id(), List.of(recipient(c, "zh")), "q");
        assertThat(warehouse
                        .events("survey-invitations")
                        .getLast()
                        .get("reason")
                        .asString())
                .isEqualTo("FATIGUE");

        invitations.recordAnswered(invitations
                .findByToken(tokenOf(first.invitations().getFirst().link()))
                .orElseThrow());
        var answered = warehouse.events("survey-invitations").getLast();
        assertThat(answered.get("event_id").asString()).isEqualTo(id + "/answered");
        assertThat(answered.get("ts").asString())
                .as("the invitation's time")
                .isEqualTo(sent.get("ts").asString());
    }

    @Test
    void anInvitationMadeWhileTheWarehouseIsDownIsDeliveredLaterExactlyOnce() {
        Survey survey = activeSurvey();
        AtomicBoolean down = new AtomicBoolean(true);
        Ingestion flaky = (stream, body, format, atomic) -> {
            if (down.get()) {
                throw new IllegalStateException("engine unavailable");
            }
            return warehouse.ingest(stream, body, format, atomic);
        };
        WarehouseOutbox outbox = outbox(flaky);
        InvitationService service = service(mail.getSmtp().getPort(), outbox);

        InvitationReport report = service.invite(survey.id(), List.of(recipient(customer(), "zh")), "q");

        assertThat(report.created())
                .as("the invitation is made and mailed although the warehouse is down")
                .isEqualTo(1);
        String eventId = report.invitations().getFirst().invitationId() + "/sent";
        assertThat(mine(eventId)).isEmpty();
        assertThat(outbox.attempts("survey-invitations", eventId)).isEqualTo(1);
        String next = service.invite(survey.id(), List.of(recipient(customer(), "zh")), "q")
                        .invitations()
                        .getFirst()
                        .invitationId()
                + "/sent";
        assertThat(outbox.attempts("survey-invitations", next))
                .as("right after a failure: recorded, left to the relay")
                .isZero();

        clock.advance(Duration.ofSeconds(10));
        assertThat(outbox.deliverDue()).as("still down").isZero();
        assertThat(outbox.attempts("survey-invitations", eventId)).isEqualTo(2);
        assertThat(outbox.attempts("survey-invitations", next)).isEqualTo(1);

        down.set(false);
        clock.advance(Duration.ofSeconds(10));
        assertThat(outbox.deliverDue())
                .as("the second event's first pause (10 s) is over, the first's second (20 s) is not")
                .isEqualTo(1);
        assertThat(mine(next)).hasSize(1);
        assertThat(mine(eventId)).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(outbox.deliverDue()).isEqualTo(1);
        assertThat(mine(eventId)).hasSize(1);
        assertThat(mine(eventId).getFirst().get("status").asString()).isEqualTo("sent");
        assertThat(outbox.attempts("survey-invitations", eventId)).isEqualTo(3);

        clock.advance(Duration.ofHours(1));
        assertThat(outbox.deliverDue()).as("nothing is sent twice").isZero();
        assertThat(mine(eventId)).hasSize(1);
        assertThat(mine(next)).hasSize(1);
    }

    @Test
    void aDeliveryWhoseAnswerGotLostIsSentAgainWithTheSameEventId() {
        Survey survey = activeSurvey();
        AtomicBoolean loseAnswer = new AtomicBoolean(true);
        Ingestion lossy = (stream, body, format, atomic) -> {
            Ingestion.IngestResult result = warehouse.ingest(stream, body, format, atomic);
            if (loseAnswer.getAndSet(false)) {
                throw new IllegalStateException("connection reset after the insert");
            }
            return result;
        };
        WarehouseOutbox outbox = outbox(lossy);
        InvitationService service = service(mail.getSmtp().getPort(), outbox);

        String eventId = service.invite(survey.id(), List.of(recipient(customer(), "zh")), "q")
                        .invitations()
                        .getFirst()
                        .invitationId()
                + "/sent";
        clock.advance(Duration.ofSeconds(10));
        assertThat(outbox.deliverDue()).isEqualTo(1);

        assertThat(mine(eventId))
                .as("the same event twice; the warehouse stores an event id once")
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.get("event_id").asString()).isEqualTo(eventId));
        assertThat(mine(eventId).get(0)).isEqualTo(mine(eventId).get(1));
    }

    List<JsonNode> mine(String eventId) {
        return warehouse.events("survey-invitations").stream()
                .filter(e -> e.get("event_id").asString().equals(eventId))
                .toList();
    }

    @Test
    void anUnansweredInvitationIsRemindedOnceWithALinkOfItsOwn() throws Exception {
        invitations.sendReminders(Duration.ZERO, 10_000); // the other tests' invitations share the database
        Survey survey = activeSurvey();
        String quiet = customer();
        String answered = customer();
        InvitationReport report =
                invitations.invite(survey.id(), List.of(recipient(quiet, "zh"), recipient(answered, "zh")), "q");
        Invitation answeredOne = invitations
                .findByToken(tokenOf(report.invitations().get(1).link()))
                .orElseThrow();
        assertThat(invitations.markResponded(answeredOne.id(), clock.instant())).isTrue();
        int before = mail.getReceivedMessages().length;

        clock.advance(Duration.ofDays(3).minusSeconds(1));
        assertThat(invitations.sendReminders(Duration.ofDays(3), 100))
                .as("not yet due")
                .isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(invitations.sendReminders(Duration.ofDays(3), 100)).isEqualTo(1);
        assertThat(invitations.sendReminders(Duration.ofDays(3), 100))
                .as("never twice")
                .isZero();
        clock.advance(Duration.ofDays(30));
        assertThat(invitations.sendReminders(Duration.ofDays(3), 100))
                .as("never twice")
                .isZero();

        MimeMessage[] messages = mail.getReceivedMessages();
        assertThat(messages).hasSize(before + 1);
        List<String> reminders = new ArrayList<>();
        for (MimeMessage m : messages) {
            String text = (String) m.getContent();
            if (text.contains("提醒：您还没有回答这份调查")
                    && text.contains(survey.definition().title().in("zh"))) {
                reminders.add(text);
            }
        }
        // GreenMail does not keep arrival order; the reminder is the one whose link is not any first link
        String body = reminders.stream()
                .filter(t -> invitations
                        .findByToken(tokenOf(t))
                        .map(i -> i.customerId().equals(quiet))
                        .orElse(false))
                .findFirst()
                .orElseThrow();
        String reminderToken = tokenOf(body);
        String firstToken = tokenOf(report.invitations().getFirst().link());
        assertThat(reminderToken).isNotEqualTo(firstToken);
        Invitation viaReminder = invitations.findByToken(reminderToken).orElseThrow();
        assertThat(viaReminder.customerId()).isEqualTo(quiet);
        assertThat(invitations.findByToken(firstToken).orElseThrow().id()).isEqualTo(viaReminder.id());
        assertThat(invitations.remindedAt(viaReminder.id()))
                .contains(clock.instant().minus(Duration.ofDays(30)));
        assertThat(invitations.remindedAt(answeredOne.id())).isEmpty();
        // either link answers the invitation, once
        assertThat(invitations.markResponded(viaReminder.id(), clock.instant())).isTrue();
        assertThat(invitations.markResponded(viaReminder.id(), clock.instant())).isFalse();
    }

    static String tokenOf(String link) {
        Matcher m = LINK.matcher(link);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void aCustomerListedTwiceIsInvitedOnce() {
        Survey survey = activeSurvey();
        String c = customer();
        InvitationReport report = invitations.invite(survey.id(), List.of(recipient(c, "zh"), recipient(c, "en")), "q");

        assertThat(report.created()).isEqualTo(1);
        assertThat(report.skippedByReason())
                .containsEntry(SkipReason.DUPLICATE_IN_REQUEST, 1)
                .containsEntry(SkipReason.FATIGUE, 0);
    }

    @Test
    void aRefusedMailLeavesNoInvitationAndNoFatigueMark() throws Exception {
        Survey survey = activeSurvey();
        String c = customer();
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        InvitationReport failed = service(closedPort).invite(survey.id(), List.of(recipient(c, "zh")), "q");
        assertThat(failed.skippedByReason()).containsEntry(SkipReason.SEND_FAILED, 1);
        assertThat(new InvitationRepository(db.jdbc()).countForCustomer(c)).isZero();

        assertThat(invitations
                        .invite(survey.id(), List.of(recipient(c, "zh")), "q")
                        .created())
                .isEqualTo(1);
    }

    @Test
    void concurrentRequestsInviteACustomerOnce() throws Exception {
        List<Survey> targets = List.of(activeSurvey(), activeSurvey(), activeSurvey(), activeSurvey());
        String c = customer();
        List<Callable<InvitationReport>> calls = new ArrayList<>();
        for (Survey s : targets) {
            calls.add(() -> invitations.invite(s.id(), List.of(recipient(c, "zh")), "q"));
        }
        int created = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(targets.size())) {
            for (Future<InvitationReport> f : pool.invokeAll(calls)) {
                created += f.get().created();
            }
        }
        assertThat(created).isEqualTo(1);
        assertThat(new InvitationRepository(db.jdbc()).countForCustomer(c)).isEqualTo(1);
    }

    @Test
    void onlyAnActiveSurveyCanBeSent() {
        Survey draft = surveys.create(Fixtures.everyType(), "q");
        assertThatThrownBy(() -> invitations.invite(draft.id(), List.of(recipient(customer(), "zh")), "q"))
                .isInstanceOf(SurveyStateException.class);
        surveys.close(draft.id(), "q");
        assertThatThrownBy(() -> invitations.invite(draft.id(), List.of(recipient(customer(), "zh")), "q"))
                .isInstanceOf(SurveyStateException.class);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    static Stream<Arguments> badRecipients() {
        return Stream.of(
                Arguments.of(new Recipient(" ", "华东", "a@example.cn", "zh", null, null), "customers[0].customerId"),
                Arguments.of(
                        new Recipient("c\u0000", "华东", "a@example.cn", "zh", null, null), "customers[0].customerId"),
                Arguments.of(
                        new Recipient("c".repeat(201), "华东", "a@example.cn", "zh", null, null),
                        "customers[0].customerId"),
                Arguments.of(new Recipient("c", "火星", "a@example.cn", "zh", null, null), "customers[0].region"),
                Arguments.of(new Recipient("c", null, "a@example.cn", "zh", null, null), "customers[0].region"),
                Arguments.of(new Recipient("c", "华东", "not-an-address", "zh", null, null), "customers[0].email"),
                Arguments.of(
                        new Recipient("c", "华东", "a@example.cn\r\nBcc: x@evil.example", "zh", null, null),
                        "customers[0].email"),
                Arguments.of(new Recipient("c", "华东", "a@example.cn", "fr", null, null), "customers[0].language"),
                Arguments.of(new Recipient("c", "华东", "a@example.cn", "zh", "<b>", null), "customers[0].channel"),
                Arguments.of(
                        new Recipient("c", "华东", "a@example.cn", "zh", null, "\u0007"), "customers[0].transactionId"));
    }

    @ParameterizedTest
    @MethodSource("badRecipients")
    void aMalformedCustomerRefusesTheRequestNamingTheField(Recipient bad, String field) {
        Survey survey = activeSurvey();
        assertThatThrownBy(() -> invitations.invite(survey.id(), List.of(bad), "q"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors())
                                .extracting(InvalidFieldException.FieldError::field)
                                .contains(field));
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void emptyAndOversizedListsAreRefused() {
        Survey survey = activeSurvey();
        assertThatThrownBy(() -> invitations.invite(survey.id(), List.of(), "q"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("customers"));
        List<Recipient> six =
                Stream.generate(() -> recipient(customer(), "zh")).limit(6).toList();
        assertThatThrownBy(() -> invitations.invite(survey.id(), six, "q"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.getMessage()).contains("at most 5"));
    }

    private static String recipientOf(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
