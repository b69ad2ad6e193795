package dev.pulse.dashboards.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.dashboards.PulseApplicationTest;
import dev.pulse.dashboards.WebSessions;
import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Role;
import dev.pulse.surveys.outbox.WarehouseOutbox;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A case event the real warehouse refuses as invalid becomes a dead letter after
 * {@code pulse.surveys.outbox.max-attempts} refusals: counted in {@code /actuator/health}, listed (encoded)
 * on {@code /admin/outbox} for an ADMIN, and queued again by its retry button.
 */
@PulseApplicationTest
// two attempts 1 ms apart, so that an event becomes a dead letter at once: its own context
@TestPropertySource(
        properties = {
            "pulse.surveys.outbox.max-attempts=2",
            "pulse.surveys.outbox.first-retry=1ms",
            "pulse.surveys.outbox.max-retry=1ms"
        })
class OutboxDeadLettersIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    WarehouseOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void anEventTheWarehouseRefusesIsADeadLetterInHealthAndOnTheAdminPageAndItsRetryQueuesItAgain() throws Exception {
        String eventId = "it-dead-<i>" + UUID.randomUUID() + "</i>";
        outbox.add("case-events", Map.of("event_id", eventId, "case_id", "c-1", "event", "opened", "ts", "not a time"));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    outbox.deliverDue();
                    return dead(eventId);
                });
        assertThat(outbox.attempts("case-events", eventId)).isEqualTo(2);
        WebSessions.Session admin = new WebSessions(port, accounts).signIn(Role.ADMIN);

        long dead = JSON.readTree(
                        get("/actuator/health", admin, "application/json").body())
                .get("components")
                .get("warehouseOutbox")
                .get("details")
                .get("deadLetters")
                .asLong();
        assertThat(dead).isEqualTo(outbox.deadLetterCount()).isPositive();

        HttpResponse<String> page = get("/admin/outbox", admin, "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        String shown = eventId.replace("<", "&lt;").replace(">", "&gt;");
        assertThat(page.body())
                .contains(shown, "case-events", "the warehouse refused the event", ">2</td>")
                .doesNotContain(eventId);

        HttpResponse<String> retried = form("/admin/outbox/retry", admin, "stream", "case-events", "eventId", eventId);
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(retried.headers().firstValue("Location").orElse("")).endsWith("/admin/outbox");
        assertThat(dead(eventId)).as("queued again").isFalse();
        assertThat(get("/admin/outbox", admin, "text/html").body()).doesNotContain(shown);

        HttpResponse<String> unknown = form("/admin/outbox/retry", admin, "stream", "case-events", "eventId", eventId);
        assertThat(unknown.statusCode()).as("no longer a dead letter").isEqualTo(404);
        assertThat(unknown.body()).contains("eventId: no dead letter");
    }

    @Test
    void onlyAnAdminSeesThePageAndOnlyWithItsTokenRetries() throws Exception {
        WebSessions web = new WebSessions(port, accounts);
        assertThat(get("/admin/outbox", web.signIn(Role.QUALITY), "text/html").statusCode())
                .isEqualTo(403);
        WebSessions.Session admin = web.signIn(Role.ADMIN);
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/outbox/retry"))
                        .header("Cookie", admin.cookie())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("stream=case-events&eventId=x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("without the CSRF token").isEqualTo(403);
    }

    private boolean dead(String eventId) {
        return jdbc.sql(
                                "SELECT COUNT(*) FROM warehouse_outbox WHERE stream = 'case-events' AND event_id = :id AND dead_at IS NOT NULL")
                        .param("id", eventId)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private HttpResponse<String> get(String path, WebSessions.Session session, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept)
                        .header("Cookie", session.cookie())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> form(String path, WebSessions.Session session, String... pairs) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(session.csrf(), StandardCharsets.UTF_8));
        for (int i = 0; i < pairs.length; i += 2) {
            body.append('&')
                    .append(pairs[i])
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Cookie", session.cookie())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
