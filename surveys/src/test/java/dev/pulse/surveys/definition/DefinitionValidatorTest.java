package dev.pulse.surveys.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.surveys.Choice;
import dev.pulse.surveys.Fixtures;
import dev.pulse.surveys.Localized;
import dev.pulse.surveys.OpenLink;
import dev.pulse.surveys.Question;
import dev.pulse.surveys.QuestionType;
import dev.pulse.surveys.SurveyDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefinitionValidatorTest {

    private final DefinitionValidator validator =
            new DefinitionValidator(Fixtures.pulse().regions());

    @Test
    void aDefinitionWithEveryQuestionTypeIsValid() {
        validator.validate(Fixtures.everyType());
    }

    static Stream<Arguments> broken() {
        Localized t = new Localized("问题", "Question");
        return Stream.of(
                Arguments.of("no title", (UnaryOperator<SurveyDefinition>) d -> withTitle(d, null), "title"),
                Arguments.of(
                        "no English title",
                        (UnaryOperator<SurveyDefinition>) d -> withTitle(d, new Localized("标题", " ")),
                        "title.en"),
                Arguments.of(
                        "title with NUL",
                        (UnaryOperator<SurveyDefinition>) d -> withTitle(d, new Localized("a\u0000b", "t")),
                        "title.zh"),
                Arguments.of(
                        "title with a lone surrogate",
                        (UnaryOperator<SurveyDefinition>) d -> withTitle(d, new Localized("\ud800", "t")),
                        "title.zh"),
                Arguments.of(
                        "title of 201 characters",
                        (UnaryOperator<SurveyDefinition>) d -> withTitle(d, new Localized("题".repeat(201), "t")),
                        "title.zh"),
                Arguments.of(
                        "no thank-you text",
                        (UnaryOperator<SurveyDefinition>)
                                d -> new SurveyDefinition(d.title(), d.intro(), null, d.openLink(), d.questions()),
                        "thankYou"),
                Arguments.of(
                        "no questions",
                        (UnaryOperator<SurveyDefinition>) d -> withQuestions(d, List.of()),
                        "questions"),
                Arguments.of(
                        "101 questions",
                        (UnaryOperator<SurveyDefinition>) d -> withQuestions(
                                d,
                                IntStream.range(0, 101)
                                        .mapToObj(i -> new Question("q" + i, QuestionType.NPS, false, t, null, null))
                                        .toList()),
                        "questions"),
                Arguments.of(
                        "no score question",
                        (UnaryOperator<SurveyDefinition>) d ->
                                withQuestions(d, List.of(new Question("c", QuestionType.TEXT, true, t, null, null))),
                        "questions"),
                Arguments.of(
                        "duplicate question id",
                        (UnaryOperator<SurveyDefinition>) d -> withQuestions(
                                d,
                                List.of(
                                        new Question("a", QuestionType.NPS, true, t, null, null),
                                        new Question("a", QuestionType.CSAT, true, t, null, null))),
                        "questions[1].id"),
                Arguments.of(
                        "question id with a space",
                        (UnaryOperator<SurveyDefinition>)
                                d -> replace(d, 0, new Question("a b", QuestionType.NPS, true, t, null, null)),
                        "questions[0].id"),
                Arguments.of(
                        "question without type",
                        (UnaryOperator<SurveyDefinition>)
                                d -> replace(d, 1, new Question("x", null, true, t, null, null)),
                        "questions[1].type"),
                Arguments.of(
                        "question without text",
                        (UnaryOperator<SurveyDefinition>)
                                d -> replace(d, 1, new Question("x", QuestionType.CSAT, true, null, null, null)),
                        "questions[1].text"),
                Arguments.of(
                        "rating without max",
                        (UnaryOperator<SurveyDefinition>)
                                d -> replace(d, 3, new Question("r", QuestionType.RATING, true, t, null, null)),
                        "questions[3].max"),
                Arguments.of(
                        "rating with max 11",
                        (UnaryOperator<SurveyDefinition>)
                                d -> replace(d, 3, new Question("r", QuestionType.RATING, true, t, 11, null)),
                        "questions[3].max"),
                Arguments.of(
                        "NPS with max",
                        (UnaryOperator<SurveyDefinition>)
                                d -> replace(d, 0, new Question("n", QuestionType.NPS, true, t, 5, null)),
                        "questions[0].max"),
                Arguments.of(
                        "choice with one option",
                        (UnaryOperator<SurveyDefinition>) d -> replace(
                                d,
                                4,
                                new Question(
                                        "s", QuestionType.SINGLE_CHOICE, true, t, null, List.of(new Choice("a", t)))),
                        "questions[4].options"),
                Arguments.of(
                        "choice with 51 options",
                        (UnaryOperator<SurveyDefinition>) d -> replace(
                                d,
                                4,
                                new Question(
                                        "s",
                                        QuestionType.SINGLE_CHOICE,
                                        true,
                                        t,
                                        null,
                                        IntStream.range(0, 51)
                                                .mapToObj(i -> new Choice("o" + i, t))
                                                .toList())),
                        "questions[4].options"),
                Arguments.of(
                        "duplicate option id",
                        (UnaryOperator<SurveyDefinition>) d -> replace(
                                d,
                                5,
                                new Question(
                                        "m",
                                        QuestionType.MULTIPLE_CHOICE,
                                        true,
                                        t,
                                        null,
                                        List.of(new Choice("a", t), new Choice("a", t)))),
                        "questions[5].options[1].id"),
                Arguments.of(
                        "option without English",
                        (UnaryOperator<SurveyDefinition>) d -> replace(
                                d,
                                5,
                                new Question(
                                        "m",
                                        QuestionType.MULTIPLE_CHOICE,
                                        true,
                                        t,
                                        null,
                                        List.of(new Choice("a", t), new Choice("b", new Localized("乙", null))))),
                        "questions[5].options[1].text.en"),
                Arguments.of(
                        "text question with options",
                        (UnaryOperator<SurveyDefinition>) d -> replace(
                                d,
                                6,
                                new Question(
                                        "c",
                                        QuestionType.TEXT,
                                        true,
                                        t,
                                        null,
                                        List.of(new Choice("a", t), new Choice("b", t)))),
                        "questions[6].options"),
                Arguments.of(
                        "open link to an unknown region",
                        (UnaryOperator<SurveyDefinition>) d -> withOpenLink(d, new OpenLink("火星", null)),
                        "openLink.region"),
                Arguments.of(
                        "open link with a bad channel",
                        (UnaryOperator<SurveyDefinition>) d -> withOpenLink(d, new OpenLink("华东", "<script>")),
                        "openLink.channel"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void aBrokenDefinitionIsRefusedNamingTheField(String name, UnaryOperator<SurveyDefinition> breakIt, String field) {
        assertThatThrownBy(() -> validator.validate(breakIt.apply(Fixtures.everyType())))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors())
                                .extracting(InvalidFieldException.FieldError::field)
                                .contains(field));
    }

    @Test
    void everyBrokenFieldIsNamedAtOnce() {
        SurveyDefinition d = new SurveyDefinition(
                null, null, null, null, List.of(new Question("ok", QuestionType.NPS, true, null, null, null)));
        assertThatThrownBy(() -> validator.validate(d))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.errors())
                                .extracting(InvalidFieldException.FieldError::field)
                                .containsExactly("title", "thankYou", "questions[0].text"));
    }

    private static SurveyDefinition withTitle(SurveyDefinition d, Localized title) {
        return new SurveyDefinition(title, d.intro(), d.thankYou(), d.openLink(), d.questions());
    }

    private static SurveyDefinition withQuestions(SurveyDefinition d, List<Question> questions) {
        return new SurveyDefinition(d.title(), d.intro(), d.thankYou(), d.openLink(), questions);
    }

    private static SurveyDefinition withOpenLink(SurveyDefinition d, OpenLink link) {
        return new SurveyDefinition(d.title(), d.intro(), d.thankYou(), link, d.questions());
    }

    private static SurveyDefinition replace(SurveyDefinition d, int index, Question q) {
        List<Question> questions = new ArrayList<>(d.questions());
        questions.set(index, q);
        return withQuestions(d, questions);
    }
}
