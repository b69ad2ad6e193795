package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.PulseApplicationTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The closed loop over HTTP: a detractor's answer on a public page opens a case, its region's owner is
 * mailed, and the case API lets quality and the region's manager (only theirs) work on it.
 */
@PulseApplicationTest
// region owners and the quality team are mailed about cases: its own context, without the surveys ITs' rate limit
@TestPropertySource(
        inheritProperties = false,
        properties = {
            "pulse.surveys.public-url=https://survey.example.cn",
            "pulse.surveys.mail-from=pulse@example.cn",
            "pulse.surveys.region-owners[华南]=south.owner@example.cn,south.two@example.cn",
            "pulse.surveys.quality-team=quality@example.cn",
            "spring.mail.host=127.0.0.1"
        })
class CaseApiIT extends SurveysHttpSupport {

    @Autowired
    Environment environment;

    @Test
    void aDetractorOnAnOpenLinkBecomesACaseThatOnlyQualityAndTheRegionsManagerSee() throws Exception {
        String survey = activeSurvey(DEFINITION); // open link region 华南
        String comment = "快递太慢，客服态度差 <img src=x onerror=alert(1)>";
        HttpResponse<String> done = browser()
                .answer("/s/open/" + survey, List.of(Map.entry("q.nps", "2"), Map.entry("q.comment", comment)));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(browser()
                        .answer("/s/open/" + survey, List.of(Map.entry("q.nps", "9")))
                        .statusCode())
                .isEqualTo(303);

        JsonNode list =
                json(call("GET", "/api/v1/cases?region=%E5%8D%8E%E5%8D%97&status=OPEN", "it-quality-key", null));
        List<JsonNode> mine = StreamSupport.stream(list.spliterator(), false)
                .filter(c -> c.get("surveyId").asString().equals(survey))
                .toList();
        assertThat(mine).as("only the detractor opens a case").hasSize(1);
        JsonNode c = mine.getFirst();
        String id = c.get("id").asString();
        assertThat(c.get("comment").asString()).isEqualTo(comment);
        assertThat(c.get("npsScore").asInt()).isEqualTo(2);
        assertThat(c.get("owner").asString()).isEqualTo("south.owner@example.cn");
        assertThat(c.get("overdue").asBoolean()).isFalse();
        assertThat(Stream.of(MAIL.getReceivedMessages())
                        .filter(m -> recipient(m).equals("south.owner@example.cn"))
                        .filter(m -> content(m).contains(id) && content(m).contains(comment)))
                .hasSize(1);

        assertThat(call("GET", "/api/v1/cases/" + id, "case-east", null).statusCode())
                .as("another region's case does not exist")
                .isEqualTo(404);
        assertThat(call("POST", "/api/v1/cases/" + id + "/notes", "case-east", "{\"text\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(json(call("GET", "/api/v1/cases", "case-east", null))
                        .valueStream()
                        .map(n -> n.get("id").asString()))
                .doesNotContain(id);
        assertThat(call("GET", "/api/v1/cases", "case-exec", null).statusCode()).isEqualTo(403);

        HttpResponse<String> contacted =
                call("POST", "/api/v1/cases/" + id + "/contacted", "case-south", "{\"note\":\"已致电客户\"}");
        assertThat(contacted.statusCode()).as(contacted.body()).isEqualTo(200);
        assertThat(json(contacted).get("status").asString()).isEqualTo("CONTACTED");
        assertThat(call("POST", "/api/v1/cases/" + id + "/contacted", "case-south", "{}")
                        .statusCode())
                .isEqualTo(409);
        HttpResponse<String> resolved =
                call("POST", "/api/v1/cases/" + id + "/resolve", "it-quality-key", "{\"outcome\":\"已退款\"}");
        assertThat(json(resolved).get("outcome").asString()).isEqualTo("已退款");

        JsonNode view = json(call("GET", "/api/v1/cases/" + id, "case-south", null));
        assertThat(view.get("followUpCase").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(view.get("history")
                        .valueStream()
                        .map(h -> h.get("action").asString() + "/"
                                + h.get("actor").asString() + "/"
                                + h.get("detail").asString("")))
                .containsExactly(
                        "OPENED/system/south.owner@example.cn",
                        "CONTACTED/" + keyCaller("case-south") + "/已致电客户",
                        "RESOLVED/" + keyCaller("it-quality-key") + "/已退款");

        var folded = engine.query("""
                SELECT region, customer_id, nps_score, contacted_at IS NOT NULL, resolved_at IS NOT NULL, escalated_at IS NULL,
                       dateDiff('minute', ts, due_at), recovered
                FROM follow_up_cases WHERE case_id = {c:String}""", Map.of("c", id));
        assertThat(folded.rows()).hasSize(1);
        assertThat(folded.rows().getFirst())
                .extracting(String::valueOf)
                .containsExactly("华南", "", "2", "1", "1", "1", "2880", "0");
        assertThat(count("SELECT count() FROM case_events WHERE case_id = {c:String}", Map.of("c", id)))
                .isEqualTo(3);
    }

    @Test
    void aKnownCustomerWhoLaterAnswersHigherIsRecovered() throws Exception {
        String survey = activeSurvey(DEFINITION);
        String customer = "客户-" + UUID.randomUUID();
        String link = invite(survey, customer, "华南", "zh");
        assertThat(browser().answer(link, List.of(Map.entry("q.nps", "4"))).statusCode())
                .isEqualTo(200);
        String id = json(call("GET", "/api/v1/cases?region=%E5%8D%8E%E5%8D%97", "it-quality-key", null))
                .valueStream()
                .filter(c -> customer.equals(c.path("customerId").asString("")))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asString();
        String sql = "SELECT recovered FROM follow_up_cases WHERE case_id = {c:String}";
        assertThat(count(sql, Map.of("c", id))).isZero();

        String later = JSON.writeValueAsString(Map.of(
                        "event_id",
                        "later-" + id,
                        "survey_id",
                        survey,
                        "customer_id",
                        customer,
                        "ts",
                        Instant.now().plusSeconds(60).toString(),
                        "region",
                        "华南",
                        "nps_score",
                        8))
                + "\n";
        HttpResponse<String> ingested = ingest("survey-responses", later);
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
        assertThat(count(sql, Map.of("c", id))).isEqualTo(1);
    }

    @Test
    void aCaseEventOfAnUnknownStepOrOpenedAfterItsTimeIsRejectedNamingTheField() throws Exception {
        String bad = JSON.writeValueAsString(Map.of(
                        "event_id",
                        "e1",
                        "case_id",
                        "c1",
                        "event",
                        "closed",
                        "ts",
                        "2026-05-01T00:00:00Z",
                        "opened_at",
                        "2026-04-30T00:00:00Z",
                        "region",
                        "华南"))
                + "\n";
        HttpResponse<String> response = ingest("case-events", bad);
        assertThat(response.statusCode()).isIn(200, 422);
        assertThat(response.body()).contains("\"field\":\"event\"");
        String late = JSON.writeValueAsString(Map.of(
                        "event_id",
                        "e2",
                        "case_id",
                        "c1",
                        "event",
                        "opened",
                        "ts",
                        "2026-05-01T00:00:00Z",
                        "opened_at",
                        "2026-05-02T00:00:00Z",
                        "region",
                        "华南"))
                + "\n";
        assertThat(ingest("case-events", late).body()).contains("\"field\":\"opened_at\"");
        assertThat(count("SELECT count() FROM case_events WHERE event_id IN ('e1', 'e2')", Map.of()))
                .isZero();
    }

    HttpResponse<String> ingest(String stream, String ndjson) throws Exception {
        return api.send(
                HttpRequest.newBuilder(uri("/api/v1/ingest/" + stream))
                        .header("Authorization", "Bearer case-ingest")
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void badRequestsNameTheField() throws Exception {
        assertField(call("GET", "/api/v1/cases?status=DONE", "it-quality-key", null), "status");
        assertField(call("GET", "/api/v1/cases?region=%E7%81%AB%E6%98%9F", "it-quality-key", null), "region");
        assertField(call("GET", "/api/v1/cases?overdue=yes", "it-quality-key", null), "overdue");
        assertField(call("GET", "/api/v1/cases?limit=0", "it-quality-key", null), "limit");
        assertField(
                call(
                        "PUT",
                        "/api/v1/cases/owners/%E5%8D%8E%E5%8D%97",
                        "it-admin-key",
                        "{\"owners\":[\"ok@example.cn\",\"nope\"]}"),
                "owners[1]");
        assertField(
                call("PUT", "/api/v1/cases/owners/%E5%8D%8E%E5%8D%97", "it-admin-key", "{\"owners\":[],\"extra\":1}"),
                "extra");
        assertThat(call("GET", "/api/v1/cases/no-such-case", "it-quality-key", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(call(
                                "PUT",
                                "/api/v1/cases/owners/%E8%A5%BF%E5%8C%97",
                                "it-quality-key",
                                "{\"owners\":[\"nw@example.cn\"]}")
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<String> set = call(
                "PUT", "/api/v1/cases/owners/%E8%A5%BF%E5%8C%97", "it-admin-key", "{\"owners\":[\"nw@example.cn\"]}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode owners = json(call("GET", "/api/v1/cases/owners", "it-quality-key", null));
        assertThat(owners.get("西北").get(0).asString()).isEqualTo("nw@example.cn");
        assertThat(owners.get("华南").get(0).asString()).isEqualTo("south.owner@example.cn");
    }

    static void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response).get("field").asString()).isEqualTo(field);
    }

    static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String content(MimeMessage m) {
        try {
            return (String) m.getContent();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller an API key acts as: named by its position in the shared {@code pulse.security.api-keys}. */
    String keyCaller(String key) {
        List<String> names = Stream.of(environment
                        .getRequiredProperty("pulse.security.api-keys")
                        .split(","))
                .map(entry -> entry.strip().split(":")[0])
                .toList();
        assertThat(names).contains(key);
        return "api-key-" + (names.indexOf(key) + 1);
    }
}
