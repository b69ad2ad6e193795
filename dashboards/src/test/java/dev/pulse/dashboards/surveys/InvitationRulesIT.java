package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.ShiftedClock;
import dev.pulse.surveys.rules.InvitationRuleService;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Invitation rules over the API and the job that evaluates them against the real warehouse: the customer
 * of a new transaction in the rule's channel, or of a resolved feedback item, gets one invitation, even when
 * two runs (as two instances would) race for the same events.
 */
class InvitationRulesIT extends SurveysHttpSupport {

    @Autowired
    InvitationRuleService rules;

    @Autowired
    ShiftedClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Rules of earlier runs (the test database is kept) would invite too, and run into the fatigue rule. */
    @BeforeEach
    @AfterEach
    void deactivateAllRules() throws Exception {
        for (JsonNode rule : json(call("GET", "/api/v1/invitation-rules", "it-admin-key", null))) {
            if (rule.get("active").asBoolean()) {
                call(
                        "POST",
                        "/api/v1/invitation-rules/" + rule.get("id").asString() + "/deactivate",
                        "it-admin-key",
                        null);
            }
        }
    }

    @Test
    void theCustomersOfNewEventsAreInvitedOnceEvenByTwoInstances() throws Exception {
        String survey = activeSurvey(DEFINITION);
        String channel = "app-" + run;
        String late = "late-" + run;
        assertThat(createRule(survey, "TRANSACTION", channel, 0).statusCode()).isEqualTo(201);
        assertThat(createRule(survey, "FEEDBACK_RESOLVED", null, 0).statusCode())
                .isEqualTo(201);
        assertThat(createRule(survey, "TRANSACTION", late, 1).statusCode()).isEqualTo(201);

        String buyer = "buyer-" + run;
        String complainer = "complainer-" + run;
        String waiting = "waiting-" + run;
        String now = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
        ingest(
                "customers",
                Stream.of(buyer, complainer, waiting)
                        .map(c -> """
                {"customer_id":"%s","updated_at":"%s","name":"张三","region":"华东","email":"%s@example.cn"}""".formatted(c, now, c))
                        .toList());
        ingest("transactions", List.of("""
                {"event_id":"tx-%s","transaction_id":"T-%s","customer_id":"%s","ts":"%s","amount":99.5,"channel":"%s","region":"华东"}""".formatted(run, run, buyer, now, channel), """
                {"event_id":"tx2-%s","transaction_id":"T2-%s","customer_id":"%s","ts":"%s","amount":10,"channel":"%s","region":"华东"}""".formatted(
                        run, run, waiting, now, late)));
        ingest("feedback", List.of("""
                {"event_id":"fb-%s","feedback_id":"F-%s","customer_id":"%s","ts":"%s","region":"华东","category":"complaint","resolved_at":"%s","text":"已解决"}""".formatted(run, run, complainer, now, now)));
        clock.advance(Duration.ofSeconds(2)); // the events must lie in the past: the application's clock passes them

        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(rules::run));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        }
        rules.run();

        assertThat(mailsTo(buyer)).hasSize(1);
        assertThat(mailsTo(complainer)).hasSize(1);
        assertThat(mailsTo(waiting)).as("due one hour after the transaction").isEmpty();
        Map<String, Object> params = Map.of("b", buyer, "c", complainer);
        assertThat(count(
                        "SELECT count() FROM survey_invitations WHERE customer_id IN ({b:String}, {c:String}) AND status = 'sent'",
                        params))
                .isEqualTo(2);
        assertThat(count(
                        "SELECT count() FROM survey_invitations WHERE customer_id IN ({b:String}, {c:String}) AND status = 'skipped'",
                        params))
                .as("no second attempt ran into the fatigue rule")
                .isZero();
        assertThat(count(
                        "SELECT count() FROM survey_invitations WHERE customer_id = {b:String} AND channel = {ch:String}",
                        Map.of("b", buyer, "ch", channel)))
                .isEqualTo(1);
    }

    @Test
    void rulesAreListedAndDeactivated() throws Exception {
        String survey = activeSurvey(DEFINITION);
        HttpResponse<String> created = createRule(survey, "TRANSACTION", "web", 24);
        String id = json(created).get("id").asString();
        assertThat(json(created).get("trigger").asString()).isEqualTo("TRANSACTION");
        assertThat(json(created).get("delayHours").asInt()).isEqualTo(24);
        HttpResponse<String> list = call("GET", "/api/v1/invitation-rules", "it-admin-key", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id);
        HttpResponse<String> off =
                call("POST", "/api/v1/invitation-rules/" + id + "/deactivate", "it-quality-key", null);
        assertThat(json(off).get("active").asBoolean()).isFalse();
        assertThat(call("POST", "/api/v1/invitation-rules", "it-analyst-key", "{}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/v1/invitation-rules", null, null).statusCode())
                .isEqualTo(401);
    }

    static Stream<Arguments> badRules() {
        return Stream.of(
                Arguments.of("{\"trigger\":\"TRANSACTION\",\"channel\":\"app\",\"delayHours\":1}", "surveyId"),
                Arguments.of(
                        "{\"surveyId\":\"nope\",\"trigger\":\"TRANSACTION\",\"channel\":\"app\",\"delayHours\":1}",
                        "surveyId"),
                Arguments.of("{\"surveyId\":\"%s\",\"trigger\":\"SOMETIMES\",\"delayHours\":1}", "trigger"),
                Arguments.of("{\"surveyId\":\"%s\",\"trigger\":\"TRANSACTION\",\"delayHours\":1}", "channel"),
                Arguments.of(
                        "{\"surveyId\":\"%s\",\"trigger\":\"TRANSACTION\",\"channel\":\"<b>\",\"delayHours\":1}",
                        "channel"),
                Arguments.of(
                        "{\"surveyId\":\"%s\",\"trigger\":\"FEEDBACK_RESOLVED\",\"channel\":\"app\",\"delayHours\":1}",
                        "channel"),
                Arguments.of("{\"surveyId\":\"%s\",\"trigger\":\"FEEDBACK_RESOLVED\",\"delayHours\":-1}", "delayHours"),
                Arguments.of("{\"surveyId\":\"%s\",\"trigger\":\"FEEDBACK_RESOLVED\"}", "delayHours"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badRules")
    void aBadRuleIsRefusedNamingTheField(String body, String field) throws Exception {
        String survey = activeSurvey(DEFINITION);
        HttpResponse<String> response =
                call("POST", "/api/v1/invitation-rules", "it-quality-key", body.formatted(survey));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("field").asString()).isEqualTo(field);
    }

    HttpResponse<String> createRule(String survey, String trigger, String channel, int delayHours) throws Exception {
        Map<String, Object> body =
                new java.util.LinkedHashMap<>(Map.of("surveyId", survey, "trigger", trigger, "delayHours", delayHours));
        if (channel != null) {
            body.put("channel", channel);
        }
        return call("POST", "/api/v1/invitation-rules", "it-quality-key", JSON.writeValueAsString(body));
    }

    void ingest(String stream, List<String> lines) throws Exception {
        HttpResponse<String> response = api.send(
                java.net.http.HttpRequest.newBuilder(uri("/api/v1/ingest/" + stream))
                        .header("Authorization", "Bearer it-ingest-key")
                        .header("Content-Type", "application/x-ndjson")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(String.join("\n", lines)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("rejected").size()).as(response.body()).isZero();
    }

    static List<MimeMessage> mailsTo(String customer) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(customer + "@example.cn")) {
                out.add(m);
            }
        }
        return out;
    }
}
