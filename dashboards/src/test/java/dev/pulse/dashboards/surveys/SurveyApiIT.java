package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The survey and invitation API over HTTP: life cycle, versions, roles, problem details, mails. */
class SurveyApiIT extends SurveysHttpSupport {

    @Test
    void aSurveyIsCreatedEditedActivatedVersionedAndClosed() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/surveys", "it-quality-key", DEFINITION);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode survey = json(created);
        String id = survey.get("id").asString();
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/surveys/" + id);
        assertThat(survey.get("status").asString()).isEqualTo("DRAFT");
        assertThat(survey.get("version").asInt()).isEqualTo(1);
        assertThat(survey.get("createdBy").asString()).isNotBlank().doesNotContain("it-quality-key");
        assertThat(survey.get("definition").get("title").get("zh").asString()).isEqualTo("购物满意度调查");
        assertThat(survey.get("openLink").asString()).isEqualTo("/s/open/" + id);

        HttpResponse<String> draftEdit =
                call("PUT", "/api/v1/surveys/" + id, "it-quality-key", DEFINITION.replace("购物满意度调查", "草稿二"));
        assertThat(draftEdit.statusCode()).isEqualTo(200);
        assertThat(json(draftEdit).get("version").asInt()).isEqualTo(1);

        assertThat(json(call("POST", "/api/v1/surveys/" + id + "/activate", "it-quality-key", null))
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
        HttpResponse<String> activeEdit =
                call("PUT", "/api/v1/surveys/" + id, "it-admin-key", DEFINITION.replace("购物满意度调查", "第二版"));
        assertThat(json(activeEdit).get("version").asInt()).isEqualTo(2);
        assertThat(json(call("GET", "/api/v1/surveys/" + id + "/versions/1", "it-quality-key", null))
                        .get("title")
                        .get("zh")
                        .asString())
                .isEqualTo("草稿二");
        assertThat(json(call("GET", "/api/v1/surveys/" + id, "it-quality-key", null))
                        .get("definition")
                        .get("title")
                        .get("zh")
                        .asString())
                .isEqualTo("第二版");

        assertThat(json(call("POST", "/api/v1/surveys/" + id + "/close", "it-quality-key", null))
                        .get("status")
                        .asString())
                .isEqualTo("CLOSED");
        HttpResponse<String> closedEdit = call("PUT", "/api/v1/surveys/" + id, "it-quality-key", DEFINITION);
        assertThat(closedEdit.statusCode()).isEqualTo(409);
        assertThat(json(closedEdit).get("status").asString()).isEqualTo("CLOSED");
        assertThat(call("POST", "/api/v1/surveys/" + id + "/activate", "it-quality-key", null)
                        .statusCode())
                .isEqualTo(409);
        assertThat(call("GET", "/api/v1/surveys", "it-quality-key", null).body())
                .contains(id);
    }

    static Stream<Arguments> callers() {
        return Stream.of(
                Arguments.of(null, 401),
                Arguments.of("wrong-key", 401),
                Arguments.of("it-analyst-key", 403),
                Arguments.of("it-ingest-key", 403),
                Arguments.of("it-quality-key", 201),
                Arguments.of("it-admin-key", 201));
    }

    @ParameterizedTest
    @MethodSource("callers")
    void onlyQualityAndAdminManageSurveys(String key, int status) throws Exception {
        assertThat(call("POST", "/api/v1/surveys", key, DEFINITION).statusCode())
                .isEqualTo(status);
        assertThat(call("GET", "/api/v1/surveys", key, null).statusCode()).isEqualTo(status == 201 ? 200 : status);
    }

    static Stream<Arguments> badDefinitions() {
        return Stream.of(
                Arguments.of(
                        "duplicate key",
                        DEFINITION.replaceFirst("\\{\"title\"", "{\"title\":{\"zh\":\"a\",\"en\":\"b\"},\"title\""),
                        "title",
                        "Duplicate"),
                Arguments.of(
                        "unknown field",
                        DEFINITION.replaceFirst("\\{\"title\"", "{\"colour\":1,\"title\""),
                        "colour",
                        "colour"),
                Arguments.of(
                        "unknown type",
                        DEFINITION.replace("\"type\":\"CSAT\"", "\"type\":\"STARS\""),
                        "questions[1].type",
                        "STARS"),
                Arguments.of(
                        "string for a boolean",
                        DEFINITION.replace("\"required\":true", "\"required\":\"yes\""),
                        "questions[0].required",
                        ""),
                Arguments.of(
                        "fraction for an integer",
                        DEFINITION.replace("\"max\":5", "\"max\":7.5"),
                        "questions[3].max",
                        ""),
                Arguments.of(
                        "rating scale too long",
                        DEFINITION.replace("\"max\":5", "\"max\":11"),
                        "questions[3].max",
                        "between 2 and 10"),
                Arguments.of("no thank-you text", DEFINITION.replace("\"thankYou\"", "\"thankYouX\""), "thankYouX", ""),
                Arguments.of(
                        "English text missing",
                        DEFINITION.replace(",\"en\":\"Delivery speed\"", ""),
                        "questions[3].text.en",
                        "required"),
                Arguments.of(
                        "option not unique",
                        DEFINITION.replace("\"id\":\"shop\"", "\"id\":\"app\""),
                        "questions[4].options[1].id",
                        "twice"),
                Arguments.of(
                        "open link to an unknown region",
                        DEFINITION.replace("\"region\":\"华南\"", "\"region\":\"火星\""),
                        "openLink.region",
                        "华东"),
                Arguments.of("not JSON", "<survey/>", "body", ""),
                Arguments.of("empty body", "", "body", "required"),
                Arguments.of("an array", "[]", "body", ""),
                Arguments.of("deep nesting", "[".repeat(100_000), "body", ""),
                Arguments.of("trailing garbage", DEFINITION + " {}", "body", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDefinitions")
    void aBadDefinitionIsA400NamingTheField(String name, String body, String field, String inMessage) throws Exception {
        HttpResponse<String> response = call("POST", "/api/v1/surveys", "it-quality-key", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).contains(inMessage);
    }

    @Test
    void aBodyOverOneMegabyteIs413AndAWrongContentTypeIs415() throws Exception {
        String huge = DEFINITION.replace("感谢您抽出时间。", "长".repeat(400_000));
        HttpResponse<String> tooLarge = call("POST", "/api/v1/surveys", "it-quality-key", huge);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("field").asString()).isEqualTo("body");

        HttpResponse<String> text = api.send(
                java.net.http.HttpRequest.newBuilder(uri("/api/v1/surveys"))
                        .header("Authorization", "Bearer it-quality-key")
                        .header("Content-Type", "text/plain")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(DEFINITION))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
    }

    @Test
    void unknownSurveysAndVersionsAre404AndABadVersionIs400() throws Exception {
        HttpResponse<String> missing = call("GET", "/api/v1/surveys/nope", "it-quality-key", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("detail").asString()).contains("nope");
        String id = activeSurvey(DEFINITION);
        assertThat(call("GET", "/api/v1/surveys/" + id + "/versions/9", "it-quality-key", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/api/v1/surveys/" + id + "/versions/abc", "it-quality-key", null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "/api/v1/surveys/nope/activate", "it-quality-key", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void invitationsAreMailedAndTheFatigueRuleIsReported() throws Exception {
        String first = activeSurvey(DEFINITION);
        String second = activeSurvey(DEFINITION);
        String customer = "c-" + UUID.randomUUID();
        String path = invite(first, customer, "华东", "zh");
        assertThat(path).startsWith("/s/");

        String again = JSON.writeValueAsString(Map.of(
                "customers",
                List.of(
                        Map.of("customerId", customer, "region", "华东", "email", "x@example.cn"),
                        Map.of("customerId", customer, "region", "华东", "email", "x@example.cn"))));
        HttpResponse<String> skipped =
                call("POST", "/api/v1/surveys/" + second + "/invitations", "it-quality-key", again);
        assertThat(skipped.statusCode()).isEqualTo(200);
        JsonNode report = json(skipped);
        assertThat(report.get("created").asInt()).isZero();
        assertThat(report.get("skipped").asInt()).isEqualTo(2);
        assertThat(report.get("skippedByReason").get("FATIGUE").asInt()).isEqualTo(1);
        assertThat(report.get("skippedByReason").get("DUPLICATE_IN_REQUEST").asInt())
                .isEqualTo(1);
        assertThat(report.get("skippedCustomers").get(0).get("reason").asString())
                .isEqualTo("FATIGUE");
    }

    @Test
    void aBadInvitationRequestIs400NamingTheCustomerField() throws Exception {
        String id = activeSurvey(DEFINITION);
        String body = JSON.writeValueAsString(Map.of(
                "customers",
                List.of(
                        Map.of("customerId", "c-ok", "region", "华东", "email", "ok@example.cn"),
                        Map.of("customerId", "c-bad", "region", "华东", "email", "not an address"))));
        HttpResponse<String> response = call("POST", "/api/v1/surveys/" + id + "/invitations", "it-quality-key", body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("field").asString()).isEqualTo("customers[1].email");

        HttpResponse<String> unknownField = call(
                "POST",
                "/api/v1/surveys/" + id + "/invitations",
                "it-quality-key",
                "{\"customers\":[{\"customerId\":\"c\",\"region\":\"华东\",\"email\":\"a@example.cn\",\"nps\":10}]}");
        assertThat(json(unknownField).get("field").asString()).isEqualTo("customers[0].nps");

        String draft = json(call("POST", "/api/v1/surveys", "it-quality-key", DEFINITION))
                .get("id")
                .asString();
        HttpResponse<String> toDraft = call(
                "POST",
                "/api/v1/surveys/" + draft + "/invitations",
                "it-quality-key",
                "{\"customers\":[{\"customerId\":\"c\",\"region\":\"华东\",\"email\":\"a@example.cn\"}]}");
        assertThat(toDraft.statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/v1/surveys/" + id + "/invitations", "it-analyst-key", body)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theH2ConsoleIsNotServed() throws Exception {
        assertThat(call("GET", "/h2-console", "it-admin-key", null).statusCode())
                .isNotEqualTo(200);
        assertThat(call("GET", "/h2-console/", null, null).statusCode()).isIn(401, 403, 404);
    }
}
