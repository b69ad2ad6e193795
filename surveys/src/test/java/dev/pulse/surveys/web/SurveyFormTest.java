package dev.pulse.surveys.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.InvalidFieldException.FieldError;
import dev.pulse.surveys.Fixtures;
import dev.pulse.surveys.QuestionType;
import dev.pulse.surveys.SurveyDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The survey editor's form: what a post becomes, and where the service's problems are shown. */
class SurveyFormTest {

    static MultiValueMap<String, String> post(String... nameValue) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            form.add(nameValue[i], nameValue[i + 1]);
        }
        return form;
    }

    @Test
    void aDefinitionShownInTheFormAndPostedBackIsTheSameDefinition() {
        SurveyDefinition original = Fixtures.everyType();
        SurveyForm shown = SurveyForm.of(original).withMoreSlots(3);
        MultiValueMap<String, String> posted = post(
                "title.zh",
                shown.titleZh(),
                "title.en",
                shown.titleEn(),
                "intro.zh",
                shown.introZh(),
                "intro.en",
                shown.introEn(),
                "thankYou.zh",
                shown.thankYouZh(),
                "thankYou.en",
                shown.thankYouEn(),
                "openLink.region",
                shown.openRegion(),
                "openLink.channel",
                shown.openChannel());
        for (int i = 0; i < shown.questions().size(); i++) {
            SurveyForm.QuestionSlot q = shown.questions().get(i);
            String p = "questions[" + i + "].";
            posted.addAll(post(
                    p + "id",
                    q.id(),
                    p + "type",
                    q.type(),
                    p + "text.zh",
                    q.textZh(),
                    p + "text.en",
                    q.textEn(),
                    p + "max",
                    q.max(),
                    p + "options",
                    q.options()));
            if (q.required()) {
                posted.add(p + "required", "true");
            }
        }

        assertThat(shown.questions()).hasSize(original.questions().size() + 3);
        assertThat(SurveyForm.read(posted).definition()).isEqualTo(original);
    }

    @Test
    void emptySlotsAreNotQuestionsAndTheServicesProblemsComeBackToTheSlotOnThePage() {
        SurveyForm form = SurveyForm.read(post(
                "questions[0].type",
                "",
                "questions[1].id",
                "",
                "questions[3].id",
                "nps",
                "questions[3].type",
                "NPS",
                "questions[3].text.zh",
                "推荐吗？"));

        assertThat(form.questions())
                .as("slot 2 was not posted, it is an empty slot")
                .hasSize(4);
        assertThat(form.definition().questions())
                .extracting(q -> q.id() + ":" + q.type())
                .containsExactly("nps:NPS");
        assertThat(form.inForm(List.of(
                        new FieldError("questions[0].text.en", "is required"),
                        new FieldError("title.zh", "is required"))))
                .containsExactly(
                        new FieldError("questions[3].text.en", "is required"),
                        new FieldError("title.zh", "is required"));
    }

    @Test
    void anOptionsProblemIsShownAtItsQuestionsOptionsBox() {
        assertThat(SurveyForm.byField(List.of(
                        new FieldError("questions[1].options[2].text.en", "is required"),
                        new FieldError("questions[1].options", "a choice question needs 2 to 50 options"),
                        new FieldError("title.zh", "is required"))))
                .containsExactly(
                        Map.entry(
                                "questions[1].options",
                                List.of("[2].text.en: is required", "a choice question needs 2 to 50 options")),
                        Map.entry("title.zh", List.of("is required")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "questions[0].max; ten; questions[0].max; must be a whole number",
                "questions[0].max; -1; questions[0].max; must be a whole number",
                "questions[0].type; SLIDER; questions[0].type; unknown question type",
                "questions[0].options; a | b; questions[0].options; line 1: write id | 中文 | English",
                "questions[0].options; a | b | c | d; questions[0].options; line 1: write id | 中文 | English",
                "questions[100].id; x; questions; at most 100 questions"
            })
    void whatOnlyTheFormCanGetWrongIsNamedByItsField(String field, String value, String named, String message) {
        assertThatThrownBy(() -> SurveyForm.read(post(field, value, "questions[0].id", "q"))
                        .definition())
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors()).contains(new FieldError(named, message)));
    }

    @Test
    void optionLinesMayUseWindowsLineEndsAndBlankLines() {
        SurveyDefinition d = SurveyForm.read(post(
                        "questions[0].id",
                        "pick",
                        "questions[0].type",
                        "SINGLE_CHOICE",
                        "questions[0].options",
                        "a | 甲 | A\r\n\r\n b |乙| B \n"))
                .definition();
        assertThat(d.questions().getFirst().type()).isEqualTo(QuestionType.SINGLE_CHOICE);
        assertThat(d.questions().getFirst().options())
                .extracting(o -> o.id() + "/" + o.text().zh() + "/" + o.text().en())
                .containsExactly("a/甲/A", "b/乙/B");
    }
}
