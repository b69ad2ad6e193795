package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.surveys.ResponseAccepted;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An anonymous response is stored once per form: the form carries a server-made submission id from
 * which the event id derives, so a form sent twice, or sent again after a failure that followed the
 * warehouse write, is one response in the warehouse and in the operational database.
 */
class AnonymousSubmissionIT extends SurveysHttpSupport {

    /** Surveys whose next accepted response fails after the warehouse write, as a crash between the two would. */
    static final Set<String> FAIL_ONCE = ConcurrentHashMap.newKeySet();

    @TestConfiguration
    static class FailAfterTheWarehouseWrite {
        @EventListener
        void accepted(ResponseAccepted response) {
            if (FAIL_ONCE.remove(response.surveyId())) {
                throw new IllegalStateException("injected failure after the warehouse write");
            }
        }
    }

    @Autowired
    JdbcClient jdbc;

    /** The fields the open link's form sends, from the page as served. */
    static List<Map.Entry<String, String>> form(HttpResponse<String> page, String nps) {
        Matcher csrf = CSRF.matcher(page.body());
        Matcher submission = SUBMISSION.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        assertThat(submission.find()).as("the form carries its submission id").isTrue();
        return List.of(
                Map.entry("q.nps", nps),
                Map.entry("v", "1"),
                Map.entry("_csrf", csrf.group(1)),
                Map.entry("submission", submission.group(1)));
    }

    long inWarehouse(String survey) {
        return count("SELECT count() FROM survey_responses WHERE survey_id = {s:String}", Map.of("s", survey));
    }

    long inOperationalDatabase(String survey) {
        return jdbc.sql("SELECT count(*) FROM survey_response WHERE survey_id = :s")
                .param("s", survey)
                .query(Long.class)
                .single();
    }

    @Test
    void theSameFormSentTwiceIsOneResponseAndAnotherFormIsAnother() throws Exception {
        String survey = activeSurvey(DEFINITION);
        Browser browser = browser();
        List<Map.Entry<String, String>> fields = form(browser.get("/s/open/" + survey), "9");
        assertThat(browser.post("/s/open/" + survey, fields).statusCode()).isEqualTo(303);
        assertThat(browser.post("/s/open/" + survey, fields).statusCode())
                .as("the same form again: thanks, not an error")
                .isEqualTo(303);
        assertThat(inWarehouse(survey)).isEqualTo(1);
        assertThat(inOperationalDatabase(survey)).isEqualTo(1);

        assertThat(browser.post("/s/open/" + survey, form(browser.get("/s/open/" + survey), "3"))
                        .statusCode())
                .isEqualTo(303);
        assertThat(inWarehouse(survey)).as("a new form is a new response").isEqualTo(2);
        assertThat(inOperationalDatabase(survey)).isEqualTo(2);
    }

    @Test
    void aFailureAfterTheWarehouseWriteAndARetryCountTheAnswerOnce() throws Exception {
        String survey = activeSurvey(DEFINITION);
        Browser browser = browser();
        List<Map.Entry<String, String>> fields = form(browser.get("/s/open/" + survey), "2");
        FAIL_ONCE.add(survey);
        HttpResponse<String> failed = browser.post("/s/open/" + survey, fields);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(FAIL_ONCE).as("the failure was injected").doesNotContain(survey);
        assertThat(inWarehouse(survey)).as("the warehouse had taken the event").isEqualTo(1);
        assertThat(inOperationalDatabase(survey))
                .as("the operational write was rolled back")
                .isZero();

        assertThat(browser.post("/s/open/" + survey, fields).statusCode())
                .as("the respondent sends the form again")
                .isEqualTo(303);
        assertThat(inWarehouse(survey)).isEqualTo(1);
        assertThat(inOperationalDatabase(survey)).isEqualTo(1);
        assertThat(json(call("GET", "/api/v1/surveys/" + survey, "it-quality-key", null))
                        .get("responses")
                        .get("1")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aSubmissionIdThatTheServerCouldNotHaveMadeGetsAFreshOne() throws Exception {
        String survey = activeSurvey(DEFINITION);
        Browser browser = browser();
        Matcher csrf = CSRF.matcher(browser.get("/s/open/" + survey).body());
        assertThat(csrf.find()).isTrue();
        List<Map.Entry<String, String>> forged = List.of(
                Map.entry("q.nps", "5"),
                Map.entry("v", "1"),
                Map.entry("_csrf", csrf.group(1)),
                Map.entry("submission", "inv-not-a-uuid"));
        assertThat(browser.post("/s/open/" + survey, forged).statusCode()).isEqualTo(303);
        assertThat(jdbc.sql("SELECT event_id FROM survey_response WHERE survey_id = :s")
                        .param("s", survey)
                        .query(String.class)
                        .single())
                .matches("open-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }
}
