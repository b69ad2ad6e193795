package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The public response pages over HTTP: personal and open links, CSRF, escaping, refusals, rate limit, storage. */
class ResponsePagesIT extends SurveysHttpSupport {

    static Map.Entry<String, String> f(String name, String value) {
        return Map.entry(name, value);
    }

    @Test
    void aPersonalLinkIsAnsweredOnceInChineseAndBecomesASurveyResponse() throws Exception {
        String survey = activeSurvey(DEFINITION);
        String customer = "客户-" + UUID.randomUUID();
        String link = invite(survey, customer, "西北", "zh");
        Browser browser = browser();

        HttpResponse<String> page = browser.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("lang=\"zh-CN\"", "购物满意度调查", "您向朋友推荐我们的可能性有多大？", "提交", "name=\"viewport\"")
                .doesNotContain("<script");

        String comment = "送货太慢了 <svg/onload=alert(1)> {{7*7}} ${7*7} \"><img src=x onerror=alert(2)>";
        HttpResponse<String> done = browser.answer(
                link,
                List.of(
                        f("q.nps", "3"),
                        f("q.csat", "2"),
                        f("q.speed", "4"),
                        f("q.store", "shop"),
                        f("q.liked", "price"),
                        f("q.liked", "delivery"),
                        f("q.comment", comment)));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("谢谢您的反馈！");

        var stored = engine.query("""
                SELECT customer_id, region, channel, language, nps_score, csat_score, ces_score, comment, answers
                FROM survey_responses WHERE survey_id = {s:String}""", Map.of("s", survey));
        assertThat(stored.rows()).hasSize(1);
        List<Object> row = stored.rows().getFirst();
        assertThat(row.subList(0, 4)).containsExactly(customer, "西北", "app", "zh");
        assertThat(((Number) row.get(4)).intValue()).isEqualTo(3);
        assertThat(((Number) row.get(5)).intValue()).isEqualTo(2);
        assertThat(row.get(6)).isNull();
        assertThat(row.get(7)).isEqualTo(comment);
        assertThat(JSON.readTree((String) row.get(8)).get("liked").toString()).isEqualTo("[\"price\",\"delivery\"]");

        HttpResponse<String> again = browser.post(link, List.of(f("q.nps", "10")));
        assertThat(again.statusCode()).isIn(403, 410);
        HttpResponse<String> reopened = browser.get(link);
        assertThat(reopened.statusCode()).isEqualTo(410);
        assertThat(reopened.body()).contains("您已经提交过回答");
        assertThat(count("SELECT count() FROM survey_responses WHERE survey_id = {s:String}", Map.of("s", survey)))
                .isEqualTo(1);
    }

    @Test
    void aResponseKeepsTheVersionItAnsweredWhenTheSurveyIsEditedMeanwhile() throws Exception {
        String survey = activeSurvey(DEFINITION);
        Browser browser = browser();
        HttpResponse<String> page = browser.get("/s/open/" + survey);
        var csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        assertThat(page.body()).contains("name=\"v\" value=\"1\"");

        String edited = DEFINITION.replace("{\"id\":\"speed\",", "{\"id\":\"speed2\",");
        assertThat(json(call("PUT", "/api/v1/surveys/" + survey, "it-quality-key", edited))
                        .get("version")
                        .asInt())
                .isEqualTo(2);

        HttpResponse<String> done = browser.post(
                "/s/open/" + survey,
                List.of(f("q.nps", "8"), f("q.speed", "3"), f("v", "1"), f("_csrf", csrf.group(1))));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(browser.answer("/s/open/" + survey, List.of(f("q.nps", "9"), f("q.speed2", "2")))
                        .statusCode())
                .isEqualTo(303);

        var responses = json(call("GET", "/api/v1/surveys/" + survey, "it-quality-key", null))
                .get("responses");
        assertThat(responses.get("1").asInt()).isEqualTo(1);
        assertThat(responses.get("2").asInt()).isEqualTo(1);
        HttpResponse<String> unknownVersion =
                browser.post("/s/open/" + survey, List.of(f("q.nps", "8"), f("v", "3"), f("_csrf", csrf.group(1))));
        assertThat(unknownVersion.statusCode()).isEqualTo(400);
        assertThat(unknownVersion.body()).contains("此调查版本无效");
    }

    @Test
    void aUsedTokenIsRefusedEvenWithAFreshForm() throws Exception {
        String survey = activeSurvey(DEFINITION);
        String link = invite(survey, "c-" + UUID.randomUUID(), "华北", "en");
        Browser first = browser();
        Browser second = browser();
        HttpResponse<String> secondPage = second.get(link);
        assertThat(first.answer(link, List.of(f("q.nps", "9"))).statusCode()).isEqualTo(200);

        var csrf = CSRF.matcher(secondPage.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> late = second.post(link, List.of(f("q.nps", "1"), f("v", "1"), f("_csrf", csrf.group(1))));
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.body()).contains("您已经提交过回答");
        assertThat(count("SELECT count() FROM survey_responses WHERE survey_id = {s:String}", Map.of("s", survey)))
                .isEqualTo(1);
    }

    @Test
    void aSubmissionWithoutTheCsrfTokenIsRefused() throws Exception {
        String survey = activeSurvey(DEFINITION);
        String link = invite(survey, "c-" + UUID.randomUUID(), "华北", "zh");
        Browser browser = browser();
        browser.get(link);

        assertThat(browser.post(link, List.of(f("q.nps", "8"), f("v", "1"))).statusCode())
                .isEqualTo(403);
        assertThat(browser.post(link, List.of(f("q.nps", "8"), f("v", "1"), f("_csrf", "forged")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(browser.post("/s/open/" + survey, List.of(f("q.nps", "8"), f("v", "1")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(count("SELECT count() FROM survey_responses WHERE survey_id = {s:String}", Map.of("s", survey)))
                .isZero();
        assertThat(browser.get(link).statusCode())
                .as("the token is still unused")
                .isEqualTo(200);
    }

    @Test
    void anAnonymousResponseCountsForTheOpenLinksRegionAndHasNoCustomer() throws Exception {
        String survey = activeSurvey(DEFINITION);
        Browser browser = browser();
        HttpResponse<String> done =
                browser.answer("/s/open/" + survey + "?lang=en", List.of(f("q.nps", "10"), f("q.ces", "7")));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        String thanks = done.headers().firstValue("Location").orElseThrow();
        assertThat(thanks).endsWith("/s/open/" + survey + "/thanks?lang=en");
        HttpResponse<String> thanksPage = browser.get(thanks.replaceFirst("^https?://[^/]+", ""));
        assertThat(thanksPage.statusCode()).isEqualTo(200);
        assertThat(thanksPage.body()).contains("Thanks for your feedback!");

        var row = engine.query(
                        "SELECT customer_id, region, channel, language, nps_score, ces_score FROM survey_responses WHERE survey_id = {s:String}",
                        Map.of("s", survey))
                .rows();
        assertThat(row).hasSize(1);
        assertThat(row.getFirst().subList(0, 4)).containsExactly("", "华南", "store", "en");
        assertThat(((Number) row.getFirst().get(4)).intValue()).isEqualTo(10);
        assertThat(((Number) row.getFirst().get(5)).intValue()).isEqualTo(7);
    }

    static Stream<Arguments> badSubmissions() {
        List<Map.Entry<String, String>> tenThousand = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            tenThousand.add(f("q.liked", "option-" + i));
        }
        tenThousand.add(f("q.nps", "5"));
        return Stream.of(
                Arguments.of(
                        "unknown question",
                        List.of(f("q.nps", "5"), f("q.salary", "1")),
                        "This survey has no question \"salary\""),
                Arguments.of(
                        "option not in the list",
                        List.of(f("q.nps", "5"), f("q.store", "moon")),
                        "The chosen option is not in the list."),
                Arguments.of("10000 options", tenThousand, "Too many fields were submitted (at most 6,000)."),
                Arguments.of(
                        "more options than the list has",
                        List.of(
                                f("q.nps", "5"),
                                f("q.liked", "price"),
                                f("q.liked", "service"),
                                f("q.liked", "delivery"),
                                f("q.liked", "gift")),
                        "Too many options chosen."),
                Arguments.of("required answer missing", List.of(f("q.csat", "4")), "This question needs an answer."),
                Arguments.of(
                        "only whitespace for a required answer",
                        List.of(f("q.nps", "   ")),
                        "This question needs an answer."),
                Arguments.of("score out of range", List.of(f("q.nps", "11")), "The score must be between 0 and 10."),
                Arguments.of("negative score", List.of(f("q.nps", "-1")), "The score must be between 0 and 10."),
                Arguments.of("fraction", List.of(f("q.nps", "7.5")), "Please choose a score."),
                Arguments.of("NaN", List.of(f("q.nps", "NaN")), "Please choose a score."),
                Arguments.of(
                        "two answers to one NPS", List.of(f("q.nps", "5"), f("q.nps", "6")), "Choose only one answer."),
                Arguments.of(
                        "an option twice",
                        List.of(f("q.nps", "5"), f("q.liked", "price"), f("q.liked", "price")),
                        "An option was chosen more than once."),
                Arguments.of(
                        "1 MB of free text",
                        List.of(f("q.nps", "5"), f("q.comment", "长".repeat(1024 * 1024 / 3))),
                        "The answer is too long"),
                Arguments.of(
                        "NUL in free text",
                        List.of(f("q.nps", "5"), f("q.comment", "a\u0000b")),
                        "characters that cannot be stored"),
                Arguments.of(
                        "region",
                        List.of(f("q.nps", "5"), f("region", "华东")),
                        "The field \"region\" cannot be set by respondents."),
                Arguments.of(
                        "created_at",
                        List.of(f("q.nps", "5"), f("created_at", "2020-01-01T00:00:00Z")),
                        "The field \"created_at\" cannot be set"),
                Arguments.of(
                        "customer_id",
                        List.of(f("q.nps", "5"), f("customer_id", "c-1")),
                        "The field \"customer_id\" cannot be set"),
                Arguments.of(
                        "ts",
                        List.of(f("q.nps", "5"), f("ts", "2020-01-01T00:00:00Z")),
                        "The field \"ts\" cannot be set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubmissions")
    void aBadSubmissionShowsWhatIsWrongAndStoresNothing(
            String name, List<Map.Entry<String, String>> fields, String message) throws Exception {
        String survey = activeSurvey(DEFINITION);
        HttpResponse<String> response = browser().answer("/s/open/" + survey + "?lang=en", fields);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Please correct the following:", message.replace("\"", "&quot;"));
        assertThat(count("SELECT count() FROM survey_responses WHERE survey_id = {s:String}", Map.of("s", survey)))
                .isZero();
    }

    @Test
    void aFormOverFourMegabytesIsA413Page() throws Exception {
        String survey = activeSurvey(DEFINITION);
        HttpResponse<String> response = browser()
                .answer(
                        "/s/open/" + survey + "?lang=en",
                        List.of(f("q.nps", "5"), f("q.comment", "a".repeat(5 * 1024 * 1024))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("The submission is too large.");
        assertThat(count("SELECT count() FROM survey_responses WHERE survey_id = {s:String}", Map.of("s", survey)))
                .isZero();
    }

    @Test
    void whatTheRespondentTypedIsShownBackEscaped() throws Exception {
        String hostile = "<svg/onload=alert(1)> \"><img src=x onerror=alert(2)> javascript:alert(3) {{7*7}} ${7*7}";
        String survey = activeSurvey(DEFINITION.replace("还有什么想告诉我们的？", "<b>还有</b>什么？"));
        HttpResponse<String> response = browser().answer("/s/open/" + survey, List.of(f("q.comment", hostile)));

        assertThat(response.statusCode()).isEqualTo(400);
        // the text area holds exactly what was typed, escaped: an evaluated {{7*7}} or ${7*7} would read 49 there.
        // Not "the page lacks 49": the page also holds a random CSRF token, which contains 49 in one run in forty.
        Matcher typed = Pattern.compile("<textarea name=\"q\\.comment\"[^>]*>([^<]*)</textarea>")
                .matcher(response.body());
        assertThat(typed.find()).as(response.body()).isTrue();
        assertThat(typed.group(1))
                .isEqualTo(
                        "&lt;svg/onload=alert(1)&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; javascript:alert(3) {{7*7}} ${7*7}");
        assertThat(response.body()).contains("&lt;b&gt;还有&lt;/b&gt;什么？").doesNotContain("<svg", "<img", "<b>还有");
    }

    @Test
    void fiveThousandEmojiAreStoredAsTyped() throws Exception {
        String survey = activeSurvey(DEFINITION);
        String emoji = "😀".repeat(5000);
        HttpResponse<String> done =
                browser().answer("/s/open/" + survey, List.of(f("q.nps", "6"), f("q.comment", emoji)));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(engine.query(
                                "SELECT comment FROM survey_responses WHERE survey_id = {s:String}",
                                Map.of("s", survey))
                        .single())
                .isEqualTo(emoji);
    }

    @Test
    void draftClosedAndUnknownSurveysAreRefused() throws Exception {
        String draft = json(call("POST", "/api/v1/surveys", "it-quality-key", DEFINITION))
                .get("id")
                .asString();
        Browser browser = browser();
        assertThat(browser.get("/s/open/" + draft).statusCode()).isEqualTo(404);
        assertThat(browser.get("/s/open/nope").statusCode()).isEqualTo(404);
        assertThat(browser.get("/s/" + "A".repeat(43)).statusCode()).isEqualTo(404);
        assertThat(browser.get("/s/short").body()).contains("找不到此调查");

        String closing = activeSurvey(DEFINITION);
        String link = invite(closing, "c-" + UUID.randomUUID(), "东北", "zh");
        HttpResponse<String> openPage = browser.get(link);
        var csrf = CSRF.matcher(openPage.body());
        assertThat(csrf.find()).isTrue();
        call("POST", "/api/v1/surveys/" + closing + "/close", "it-quality-key", null);

        HttpResponse<String> closed =
                browser.post(link, List.of(f("q.nps", "9"), f("v", "1"), f("_csrf", csrf.group(1))));
        assertThat(closed.statusCode()).isEqualTo(410);
        assertThat(closed.body()).contains("此调查已结束");
        assertThat(browser.get("/s/open/" + closing).statusCode()).isEqualTo(410);
        assertThat(count("SELECT count() FROM survey_responses WHERE survey_id = {s:String}", Map.of("s", closing)))
                .isZero();
    }

    @Test
    void theLanguageComesFromTheQueryOrAcceptLanguage() throws Exception {
        String survey = activeSurvey(DEFINITION);
        Browser browser = browser();
        assertThat(browser.get("/s/open/" + survey).body()).contains("购物满意度调查", "提交");
        assertThat(browser.get("/s/open/" + survey, "Accept-Language", "en-US,en;q=0.8")
                        .body())
                .contains("lang=\"en\"", "Shopping satisfaction", "Submit", "How likely are you to recommend us?");
        assertThat(browser.get("/s/open/" + survey + "?lang=zh", "Accept-Language", "en")
                        .body())
                .contains("提交");
        assertThat(browser.get("/s/open/" + survey + "?lang=fr", "Accept-Language", "fr, en;q=0.5")
                        .body())
                .contains("Submit");
    }

    @Test
    void manySubmissionsFromOneClientAreLimited() throws Exception {
        String survey = activeSurvey(DEFINITION);
        Browser browser = browser();
        for (int i = 0; i < 5; i++) {
            assertThat(browser.answer("/s/open/" + survey, List.of(f("q.nps", "8")))
                            .statusCode())
                    .isEqualTo(303);
        }
        HttpResponse<String> limited = browser.answer("/s/open/" + survey, List.of(f("q.nps", "8")));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1, 60);
        assertThat(limited.body()).contains("提交过于频繁");
        assertThat(count("SELECT count() FROM survey_responses WHERE survey_id = {s:String}", Map.of("s", survey)))
                .isEqualTo(5);

        assertThat(browser()
                        .answer("/s/open/" + survey, List.of(f("q.nps", "8")))
                        .statusCode())
                .as("another client is not limited")
                .isEqualTo(303);
    }
}
