package dev.pulse.surveys.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.surveys.Fixtures;
import dev.pulse.surveys.RecordingIngestion;
import dev.pulse.surveys.ResponseAccepted;
import dev.pulse.surveys.SurveysSettings;
import dev.pulse.surveys.TestClock;
import dev.pulse.surveys.TestDatabase;
import dev.pulse.surveys.outbox.OutboxSettings;
import dev.pulse.surveys.outbox.WarehouseOutbox;
import dev.pulse.warehouse.Ingestion;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.unit.DataSize;

/** Follow-up cases: opening rule, owners, mails (GreenMail), regional visibility, history and escalation, on H2 and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.Vendor.class)
class CaseServiceIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static TestDatabase db;

    @Parameter
    TestDatabase.Vendor vendor;

    static final Caller QUALITY = new Caller("质量团队", Role.QUALITY, Scope.ALL);
    static final Caller EAST = new Caller("华东经理", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
    static final Caller ADMIN = new Caller("admin", Role.ADMIN, Scope.ALL);

    final TestClock clock = new TestClock(Instant.parse("2026-05-01T02:00:00Z"));
    CaseService cases;
    final List<String> emitted = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeParameterizedClassInvocation
    static void open(TestDatabase.Vendor vendor) {
        db = TestDatabase.open(vendor);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        db.close();
    }

    @BeforeEach
    void service() {
        db.jdbc().sql("DELETE FROM follow_up_case_history").update();
        db.jdbc().sql("DELETE FROM follow_up_case").update();
        db.jdbc().sql("DELETE FROM region_owner").update();
        cases = service((event, at, c) -> emitted.add(event + " " + at + " " + c.id()));
    }

    CaseService service(CaseEventSink events) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(mail.getSmtp().getPort());
        FollowUpSettings settings = new FollowUpSettings(
                Duration.ofHours(48),
                Map.of("华东", List.of("east.lead@example.cn", "east.two@example.cn"), "华南", List.of("south@example.cn")),
                List.of("quality@example.cn", "qa.lead@example.cn"),
                Duration.ofMinutes(5));
        SurveysSettings surveys = new SurveysSettings(
                30,
                URI.create("https://survey.example.cn/"),
                "调查 <pulse@example.cn>",
                10,
                5,
                DataSize.ofMegabytes(4),
                DataSize.ofMegabytes(16));
        return new CaseService(
                db.jdbc(), sender, db.transactions(), settings, surveys, Fixtures.pulse(), Optional.of(clock), events);
    }

    @Test
    void aStepTakenWhileTheWarehouseIsDownIsKeptAndDeliveredOnceItIsBack() {
        AtomicBoolean down = new AtomicBoolean(true);
        RecordingIngestion warehouse = new RecordingIngestion();
        Ingestion flaky = (stream, body, format, atomic) -> {
            if (down.get()) {
                throw new IllegalStateException("engine unavailable");
            }
            return warehouse.ingest(stream, body, format, atomic);
        };
        WarehouseOutbox outbox = new WarehouseOutbox(
                db.jdbc(),
                flaky,
                db.transactions(),
                new OutboxSettings(
                        Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofDays(7), 10),
                Optional.of(clock));
        CaseService withWarehouse = service(new WarehouseCaseEvents(outbox));

        FollowUpCase c = withWarehouse.open(response("华东", 2, null, "太慢")).orElseThrow();
        assertThat(withWarehouse.contacted(EAST, c.id(), "已致电").status())
                .as("the step is taken although the warehouse is down")
                .isEqualTo(CaseStatus.CONTACTED);
        assertThat(warehouse.events("case-events")).isEmpty();
        assertThat(outbox.attempts("case-events", "case-" + c.id() + "-opened")).isEqualTo(1);
        assertThat(outbox.attempts("case-events", "case-" + c.id() + "-contacted"))
                .as("recorded, not tried right after a failure")
                .isZero();

        down.set(false);
        clock.advance(Duration.ofSeconds(10));
        outbox.deliverDue();
        clock.advance(Duration.ofHours(1));
        outbox.deliverDue();
        assertThat(warehouse.events("case-events"))
                .filteredOn(e -> e.get("case_id").asString().equals(c.id()))
                .extracting(
                        e -> e.get("event_id").asString() + " " + e.get("event").asString())
                .as("each step once")
                .containsExactlyInAnyOrder(
                        "case-" + c.id() + "-opened opened", "case-" + c.id() + "-contacted contacted");
    }

    ResponseAccepted response(String region, Integer nps, Integer csat, String comment) {
        return new ResponseAccepted(
                "inv-" + UUID.randomUUID(),
                "survey-1",
                "客户-" + UUID.randomUUID(),
                region,
                nps,
                csat,
                comment,
                clock.instant());
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "0, -, true",
                "6, -, true",
                "7, -, false",
                "10, -, false",
                "-, 1, true",
                "-, 2, true",
                "-, 3, false",
                "9, 2, true",
                "5, 5, true",
                "-, -, false"
            })
    void aCaseOpensForNpsUpToSixOrCsatUpToTwo(Integer nps, Integer csat, boolean opens) {
        assertThat(cases.open(response("华东", nps, csat, null)).isPresent()).isEqualTo(opens);
    }

    @Test
    void aDetractorGetsACaseOwnedByTheRegionsFirstOwnerWhoIsMailed() throws Exception {
        String comment = "送货太慢了 <script>alert(1)</script> {{7*7}}";
        ResponseAccepted r = response("华东", 3, 2, comment);

        FollowUpCase c = cases.open(r).orElseThrow();

        assertThat(c.owner()).isEqualTo("east.lead@example.cn");
        assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(c.dueAt()).isEqualTo(Instant.parse("2026-05-03T02:00:00Z"));
        FollowUpCase stored = cases.get(QUALITY, c.id());
        assertThat(stored.customerId()).isEqualTo(r.customerId());
        assertThat(stored.comment()).isEqualTo(comment);
        assertThat(stored.npsScore()).isEqualTo(3);
        assertThat(stored.csatScore()).isEqualTo(2);
        assertThat(cases.open(r)).as("one case per response").isEmpty();

        MimeMessage[] messages = mail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages[0].getAllRecipients()[0].toString()).isEqualTo("east.lead@example.cn");
        assertThat(messages[0].getSubject()).isEqualTo("待跟进客户回访 / Follow-up case 华东");
        assertThat(messages[0].getContentType()).startsWith("text/plain");
        assertThat((String) messages[0].getContent())
                .contains(comment, "2026-05-03 10:00 (Asia/Shanghai)", r.customerId(), "NPS: 3  CSAT: 2");
        assertThat(cases.history(QUALITY, c.id()))
                .containsExactly(new CaseChange(clock.instant(), "system", "OPENED", "east.lead@example.cn"));
    }

    @Test
    void ownersSetByAnAdminReplaceTheConfiguredOnes() {
        assertThat(cases.owners())
                .containsEntry("华南", List.of("south@example.cn"))
                .containsEntry("西北", List.of());
        cases.setOwners("华南", List.of("new.owner@example.cn", "b@example.cn"));
        assertThat(cases.owners().get("华南")).containsExactly("new.owner@example.cn", "b@example.cn");
        assertThat(cases.open(response("华南", 1, null, null)).orElseThrow().owner())
                .isEqualTo("new.owner@example.cn");

        assertThat(cases.open(response("西北", 1, null, null)).orElseThrow().owner())
                .as("no owner anywhere")
                .isNull();
        assertThatThrownBy(() -> cases.setOwners("华南", List.of("ok@example.cn", "not-an-address")))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("owners[1]"));
        assertThatThrownBy(() -> cases.setOwners("火星", List.of("ok@example.cn")))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("region"));
        assertThat(cases.owners().get("华南")).containsExactly("new.owner@example.cn", "b@example.cn");
    }

    @Test
    void aRegionalManagerSeesOnlyTheirRegionsAndOverdueCasesComeFirst() {
        FollowUpCase early = cases.open(response("华东", 2, null, "早")).orElseThrow();
        clock.advance(Duration.ofHours(10));
        FollowUpCase south = cases.open(response("华南", 2, null, "南")).orElseThrow();
        clock.advance(Duration.ofHours(10));
        FollowUpCase later = cases.open(response("华东", 2, null, "晚")).orElseThrow();
        cases.contacted(EAST, early.id(), null);
        clock.advance(Duration.ofHours(40)); // south (due +58h) is overdue, early is contacted, later is due at +68h

        assertThat(cases.list(QUALITY, null, null, null, 100))
                .extracting(FollowUpCase::id)
                .containsExactly(south.id(), early.id(), later.id());
        assertThat(cases.list(QUALITY, null, null, true, 100))
                .extracting(FollowUpCase::id)
                .containsExactly(south.id());
        assertThat(cases.list(QUALITY, null, null, true, 100).getFirst().overdue())
                .isTrue();
        assertThat(cases.list(QUALITY, CaseStatus.OPEN, "华东", null, 100))
                .extracting(FollowUpCase::id)
                .containsExactly(later.id());
        assertThat(cases.list(EAST, null, null, null, 100))
                .extracting(FollowUpCase::id)
                .containsExactly(early.id(), later.id());
        assertThat(cases.list(EAST, null, "华南", null, 100)).isEmpty();

        assertThatThrownBy(() -> cases.get(EAST, south.id())).isInstanceOf(CaseNotFoundException.class);
        assertThatThrownBy(() -> cases.note(EAST, south.id(), "看看")).isInstanceOf(CaseNotFoundException.class);
        assertThat(cases.history(QUALITY, south.id())).hasSize(1);
        assertThatThrownBy(() -> cases.list(QUALITY, null, "火星", null, 100))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("region"));
    }

    @Test
    void pagesByOffsetFollowTheListOrderWithoutGapsOrRepeats() {
        for (int i = 0; i < 5; i++) {
            cases.open(response(i % 2 == 0 ? "华东" : "华南", i, null, "第" + i + "个"))
                    .orElseThrow();
            clock.advance(Duration.ofMinutes(1));
        }
        List<String> all = cases.list(QUALITY, null, null, null, 100).stream()
                .map(FollowUpCase::id)
                .toList();
        assertThat(all).hasSize(5);
        List<String> paged = new java.util.ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            cases.list(QUALITY, null, null, null, 2, offset).forEach(c -> paged.add(c.id()));
        }
        assertThat(paged).isEqualTo(all);
        assertThat(cases.list(EAST, null, null, null, 2, 2))
                .extracting(FollowUpCase::region)
                .containsExactly("华东");
        assertThatThrownBy(() -> cases.list(QUALITY, null, null, null, 2, -1))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("offset"));
    }

    @Test
    void everyChangeIsRecordedWithWhoAndWhen() throws Exception {
        FollowUpCase c = cases.open(response("华东", 4, null, null)).orElseThrow();
        clock.advance(Duration.ofHours(1));
        cases.assign(QUALITY, c.id(), "east.two@example.cn");
        clock.advance(Duration.ofHours(1));
        cases.note(EAST, c.id(), "客户电话未接通");
        clock.advance(Duration.ofHours(1));
        FollowUpCase contacted = cases.contacted(EAST, c.id(), "已致电，客户愿意再试一次");
        clock.advance(Duration.ofHours(1));
        FollowUpCase resolved = cases.resolve(EAST, c.id(), "补发优惠券，客户满意");

        assertThat(contacted.status()).isEqualTo(CaseStatus.CONTACTED);
        assertThat(contacted.contactedAt()).isEqualTo(Instant.parse("2026-05-01T05:00:00Z"));
        assertThat(resolved.status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(resolved.outcome()).isEqualTo("补发优惠券，客户满意");
        assertThat(resolved.owner()).isEqualTo("east.two@example.cn");
        assertThat(cases.history(EAST, c.id()))
                .containsExactly(
                        new CaseChange(
                                Instant.parse("2026-05-01T02:00:00Z"), "system", "OPENED", "east.lead@example.cn"),
                        new CaseChange(
                                Instant.parse("2026-05-01T03:00:00Z"), "质量团队", "ASSIGNED", "east.two@example.cn"),
                        new CaseChange(Instant.parse("2026-05-01T04:00:00Z"), "华东经理", "NOTE", "客户电话未接通"),
                        new CaseChange(Instant.parse("2026-05-01T05:00:00Z"), "华东经理", "CONTACTED", "已致电，客户愿意再试一次"),
                        new CaseChange(Instant.parse("2026-05-01T06:00:00Z"), "华东经理", "RESOLVED", "补发优惠券，客户满意"));
        assertThat(emitted)
                .as("steps for the warehouse; assignments and notes stay operational")
                .containsExactly(
                        "opened 2026-05-01T02:00:00Z " + c.id(),
                        "contacted 2026-05-01T05:00:00Z " + c.id(),
                        "resolved 2026-05-01T06:00:00Z " + c.id());
        assertThat(mail.getReceivedMessages())
                .extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactly("east.lead@example.cn", "east.two@example.cn");

        assertThatThrownBy(() -> cases.contacted(QUALITY, c.id(), null))
                .isInstanceOfSatisfying(
                        CaseStateException.class, e -> assertThat(e.status()).isEqualTo(CaseStatus.RESOLVED));
        assertThatThrownBy(() -> cases.resolve(QUALITY, c.id(), "again")).isInstanceOf(CaseStateException.class);
        assertThatThrownBy(() -> cases.assign(QUALITY, c.id(), "x@example.cn")).isInstanceOf(CaseStateException.class);
        assertThatThrownBy(() -> cases.note(QUALITY, c.id(), "   "))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("text"));
        assertThatThrownBy(() -> cases.note(QUALITY, c.id(), "a\u0000b"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("text"));
        assertThatThrownBy(() -> cases.assign(QUALITY, c.id(), "nobody"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("owner"));
        assertThat(cases.history(QUALITY, c.id())).hasSize(5);
    }

    @Test
    void anOverdueCaseIsEscalatedToTheQualityTeamOnceAndAContactedOneNever() throws Exception {
        FollowUpCase overdue = cases.open(response("华东", 0, null, "太差")).orElseThrow();
        FollowUpCase handled = cases.open(response("华南", 1, null, null)).orElseThrow();
        cases.contacted(QUALITY, handled.id(), null);
        clock.advance(Duration.ofHours(47));
        assertThat(cases.escalateOverdue()).as("not yet due").isZero();
        clock.advance(Duration.ofHours(2));
        int before = mail.getReceivedMessages().length;

        assertThat(cases.escalateOverdue()).isEqualTo(1);
        assertThat(cases.escalateOverdue()).isZero();
        clock.advance(Duration.ofDays(3));
        assertThat(cases.escalateOverdue()).isZero();

        MimeMessage[] messages = mail.getReceivedMessages();
        assertThat(messages).hasSize(before + 2); // one mail, two recipients
        MimeMessage escalation = messages[before];
        assertThat(escalation.getSubject()).isEqualTo("回访已逾期 / Follow-up case overdue 华东");
        assertThat(escalation.getAllRecipients())
                .extracting(Object::toString)
                .containsExactly("quality@example.cn", "qa.lead@example.cn");
        assertThat((String) escalation.getContent()).contains(overdue.id(), "太差");
        FollowUpCase after = cases.get(QUALITY, overdue.id());
        assertThat(after.escalatedAt()).isEqualTo(Instant.parse("2026-05-03T03:00:00Z"));
        assertThat(after.overdue()).isTrue();
        assertThat(cases.history(QUALITY, overdue.id()))
                .extracting(CaseChange::action)
                .containsExactly("OPENED", "ESCALATED");
        assertThat(cases.get(QUALITY, handled.id()).escalatedAt()).isNull();
        assertThat(emitted)
                .filteredOn(e -> e.startsWith("escalated"))
                .containsExactly("escalated 2026-05-03T03:00:00Z " + overdue.id());
    }
}
