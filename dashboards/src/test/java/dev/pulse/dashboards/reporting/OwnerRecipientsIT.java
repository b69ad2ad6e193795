package dev.pulse.dashboards.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.dashboards.WebSessions;
import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.PeriodRule;
import dev.pulse.reporting.ReportDelivery;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportSchedule;
import dev.pulse.reporting.ReportSchedules;
import dev.pulse.reporting.ScheduleBursts;
import dev.pulse.reporting.ScheduleRequest;
import dev.pulse.surveys.cases.CaseService;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Report schedules in the whole application, where the surveys module keeps the region owners: a region
 * the schedule names no recipients for is mailed to its owners as they are at each burst, and a region with
 * neither recipients nor owners is a failed delivery that says why (GreenMail); the report pages show it.
 */
@PulseApplicationTest
// a configured owner of 西南 and GreenMail: its own context
@TestPropertySource(
        properties = {"pulse.surveys.region-owners[西南]=sw.configured@example.cn", "spring.mail.host=127.0.0.1"})
class OwnerRecipientsIT {

    static final Caller QUALITY = new Caller("quality.lead", Role.QUALITY, Scope.ALL);
    /** 08:00 on the first of the month in Shanghai: the previous month is reported. */
    static final Instant JUNE_FIRST = Instant.parse("2026-06-01T00:00:00Z");

    static final Instant JULY_FIRST = Instant.parse("2026-07-01T00:00:00Z");
    static final GreenMail MAIL = startMail();

    @Autowired
    ReportSchedules schedules;

    @Autowired
    ScheduleBursts bursts;

    @Autowired
    CaseService cases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @LocalServerPort
    int port;

    static GreenMail startMail() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    @DynamicPropertySource
    static void mailPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @BeforeEach
    void noMailYet() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        // 东北 stands for a region nobody was made responsible for, also when this test ran before on the same files
        jdbc.sql("DELETE FROM region_owner WHERE region = '东北'").update();
    }

    @Test
    void aRegionWithoutNamedRecipientsGoesToItsOwnersAsTheyAreAtEachBurst() throws Exception {
        cases.setOwners("华中", List.of("central.first@example.cn"));
        ReportSchedule schedule = schedules.create(
                QUALITY,
                new ScheduleRequest(
                        "月报 负责人",
                        ReportKind.REGIONAL_PERFORMANCE,
                        "0 0 8 1 * ?",
                        null,
                        PeriodRule.PREVIOUS_MONTH,
                        List.of("华东", "华中", "西南"),
                        Map.of("华东", List.of("east.named@example.cn")),
                        "zh"));

        bursts.burst(schedule.id(), JUNE_FIRST);

        assertThat(recipientsBySubjectRegion())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "华东", List.of("east.named@example.cn"),
                        "华中", List.of("central.first@example.cn"),
                        "西南", List.of("sw.configured@example.cn")));
        assertThat(schedules.latestDeliveries(schedule.id()))
                .extracting(d -> d.region() + " " + d.status() + " " + d.source() + " " + d.recipients())
                .containsExactly(
                        "华东 SENT SCHEDULE [east.named@example.cn]",
                        "华中 SENT REGION_OWNERS [central.first@example.cn]",
                        "西南 SENT REGION_OWNERS [sw.configured@example.cn]");

        cases.setOwners("华中", List.of("central.second@example.cn", "central.third@example.cn"));
        MAIL.purgeEmailFromAllMailboxes();
        bursts.burst(schedule.id(), JULY_FIRST);

        assertThat(recipientsBySubjectRegion())
                .containsEntry("华中", List.of("central.second@example.cn", "central.third@example.cn"));
        List<ReportDelivery> july = schedules.latestDeliveries(schedule.id());
        assertThat(july).extracting(ReportDelivery::from).containsOnly(java.time.LocalDate.of(2026, 6, 1));
        ReportDelivery central =
                july.stream().filter(d -> d.region().equals("华中")).findFirst().orElseThrow();
        assertThat(central.recipients()).containsExactly("central.second@example.cn", "central.third@example.cn");
        assertThat(schedules.deliveriesOfRun(central.runId()))
                .extracting(ReportDelivery::id)
                .containsExactly(central.id());

        // the pages show whom each file went to, and that the addresses were the region's owners
        WebSessions.Session quality = qualityInChinese();
        String archive = page("/reports/archive?region=" + URLEncoder.encode("华中", StandardCharsets.UTF_8), quality);
        String row = archive.substring(archive.indexOf("data-run=\"" + central.runId() + "\""));
        assertThat(row.substring(0, row.indexOf("</tr>")))
                .contains(
                        "<span>SENT</span>",
                        "<span>central.second@example.cn, central.third@example.cn</span>",
                        "(大区负责人)");
        assertThat(page("/reports/archive/" + central.runId(), quality))
                .contains("central.second@example.cn, central.third@example.cn", "(大区负责人)");
        String schedulesPage = page("/reports/schedules", quality);
        String scheduleRow = schedulesPage.substring(schedulesPage.indexOf("data-schedule=\"" + schedule.id() + "\""));
        assertThat(scheduleRow.substring(0, scheduleRow.indexOf("</tr>")))
                .contains("2026-06-01 – 2026-06-30", "华东: SENT", "华中: SENT", "西南: SENT");
    }

    /** A quality session whose pages speak Chinese: other tests share the account and may have switched it. */
    private WebSessions.Session qualityInChinese() throws Exception {
        WebSessions.Session quality = new WebSessions(port, accounts).signIn(Role.QUALITY);
        HttpResponse<String> zh = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/account/locale"))
                                .header("Cookie", quality.cookie())
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "lang=zh&_csrf=" + URLEncoder.encode(quality.csrf(), StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(zh.statusCode()).isEqualTo(302);
        return quality;
    }

    private String page(String path, WebSessions.Session session) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Cookie", session.cookie())
                                .header("Accept", "text/html")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    void aRegionWithNeitherRecipientsNorOwnersFailsVisiblyAndItsRetryUsesOwnersSetMeanwhile() throws Exception {
        ReportSchedule schedule = schedules.create(
                QUALITY,
                new ScheduleRequest(
                        "周报 无人",
                        ReportKind.REGIONAL_PERFORMANCE,
                        "0 0 8 * * MON",
                        null,
                        PeriodRule.PREVIOUS_WEEK,
                        List.of("东北", "华东"),
                        Map.of("华东", List.of("east.weekly@example.cn")),
                        "en"));
        Instant monday = Instant.parse("2026-06-08T00:00:00Z");

        assertThatThrownBy(() -> bursts.burst(schedule.id(), monday))
                .isInstanceOf(ScheduleBursts.BurstIncompleteException.class)
                .hasMessageContaining("东北");

        assertThat(recipientsBySubjectRegion()).containsOnlyKeys("华东");
        ReportDelivery nobody = schedules.latestDeliveries(schedule.id()).getFirst();
        assertThat(nobody.region()).isEqualTo("东北");
        assertThat(nobody.status()).isEqualTo(ReportDelivery.Status.FAILED);
        assertThat(nobody.recipients()).isEmpty();
        assertThat(nobody.error())
                .isEqualTo(
                        "no recipients: the schedule names none for 东北 and the region has no owners "
                                + "(set them on /admin/region-owners, through PUT /api/v1/cases/owners/东北 or in pulse.surveys.region-owners)");
        String page = page("/reports/schedules", qualityInChinese());
        String row = page.substring(page.indexOf("data-schedule=\"" + schedule.id() + "\""));
        assertThat(row.substring(0, row.indexOf("</tr>")))
                .as("the schedules page shows the failure and why")
                .contains("东北: FAILED", "no recipients: the schedule names none for 东北", "华东: SENT");

        cases.setOwners("东北", List.of("northeast.owner@example.cn"));
        MAIL.purgeEmailFromAllMailboxes();
        bursts.burst(schedule.id(), monday);

        assertThat(recipientsBySubjectRegion())
                .as("华东 was sent already and is not sent twice")
                .containsExactlyEntriesOf(Map.of("东北", List.of("northeast.owner@example.cn")));
        assertThat(schedules.latestDeliveries(schedule.id()))
                .extracting(d -> d.region() + " " + d.status() + " " + d.recipients() + " " + d.error())
                .containsExactly("东北 SENT [northeast.owner@example.cn] null", "华东 SENT [east.weekly@example.cn] null");
    }

    /** The region each received mail is about (from its subject), with its recipients. */
    private static Map<String, List<String>> recipientsBySubjectRegion() throws MessagingException {
        Map<String, List<String>> byRegion = new TreeMap<>();
        for (MimeMessage mail : MAIL.getReceivedMessages()) {
            String subject = mail.getSubject();
            String region = subject.contains("｜") ? subject.split("｜")[1] : subject.split(" \\| ")[1];
            List<String> to = Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString)
                    .toList();
            // GreenMail keeps one copy per recipient: each copy lists every recipient of the mail
            byRegion.merge(region, to, (a, b) -> a);
        }
        return byRegion;
    }
}
