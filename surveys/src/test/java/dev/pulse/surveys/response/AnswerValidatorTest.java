package dev.pulse.surveys.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.surveys.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnswerValidatorTest {

    static Map<String, String[]> form(String... pairs) {
        Map<String, String[]> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = pairs[i];
            String value = pairs[i + 1];
            form.merge(
                    name,
                    new String[] {value},
                    (a, b) -> Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new));
        }
        return form;
    }

    @Test
    void everyTypeOfAnswerIsReadIntoItsValue() {
        AnswerValidator.Result result = AnswerValidator.validate(
                Fixtures.everyType(),
                form(
                        "_csrf",
                        "t",
                        "v",
                        "1",
                        "lang",
                        "zh",
                        "q.nps",
                        "0",
                        "q.csat",
                        "5",
                        "q.ces",
                        "7",
                        "q.speed",
                        "5",
                        "q.store",
                        "shop",
                        "q.liked",
                        "price",
                        "q.liked",
                        "service",
                        "q.comment",
                        "很好 <b>"));

        assertThat(result.valid()).isTrue();
        assertThat(result.answers())
                .containsExactly(
                        Map.entry("nps", 0),
                        Map.entry("csat", 5),
                        Map.entry("ces", 7),
                        Map.entry("speed", 5),
                        Map.entry("store", "shop"),
                        Map.entry("liked", List.of("price", "service")),
                        Map.entry("comment", "很好 <b>"));
    }

    @Test
    void optionalQuestionsMayBeLeftOutAndBlankTextCountsAsNoAnswer() {
        AnswerValidator.Result result =
                AnswerValidator.validate(Fixtures.everyType(), form("q.nps", "9", "q.comment", " \n\t "));
        assertThat(result.valid()).isTrue();
        assertThat(result.answers()).containsExactly(Map.entry("nps", 9));
    }

    static Stream<Arguments> wrong() {
        return Stream.of(
                Arguments.of(form(), "nps", "error.required"),
                Arguments.of(form("q.nps", ""), "nps", "error.required"),
                Arguments.of(form("q.nps", "11"), "nps", "error.outOfRange"),
                Arguments.of(form("q.nps", "-1"), "nps", "error.outOfRange"),
                Arguments.of(form("q.nps", "7.5"), "nps", "error.notANumber"),
                Arguments.of(form("q.nps", "1e1"), "nps", "error.notANumber"),
                Arguments.of(form("q.nps", "９"), "nps", "error.notANumber"),
                Arguments.of(form("q.nps", "99999999999"), "nps", "error.notANumber"),
                Arguments.of(form("q.nps", "1", "q.nps", "2"), "nps", "error.oneAnswer"),
                Arguments.of(form("q.nps", "5", "q.csat", "0"), "csat", "error.outOfRange"),
                Arguments.of(form("q.nps", "5", "q.ces", "8"), "ces", "error.outOfRange"),
                Arguments.of(form("q.nps", "5", "q.speed", "6"), "speed", "error.outOfRange"),
                Arguments.of(form("q.nps", "5", "q.store", "moon"), "store", "error.notInList"),
                Arguments.of(form("q.nps", "5", "q.store", "app", "q.store", "shop"), "store", "error.oneAnswer"),
                Arguments.of(form("q.nps", "5", "q.liked", "price", "q.liked", "price"), "liked", "error.repeated"),
                Arguments.of(form("q.nps", "5", "q.liked", "gift"), "liked", "error.notInList"),
                Arguments.of(
                        form(
                                "q.nps",
                                "5",
                                "q.liked",
                                "price",
                                "q.liked",
                                "service",
                                "q.liked",
                                "delivery",
                                "q.liked",
                                "x"),
                        "liked",
                        "error.tooMany"),
                Arguments.of(form("q.nps", "5", "q.comment", "a".repeat(10_001)), "comment", "error.tooLong"),
                Arguments.of(form("q.nps", "5", "q.comment", "a\u0000"), "comment", "error.badText"),
                Arguments.of(form("q.nps", "5", "q.comment", "a", "q.comment", "b"), "comment", "error.oneAnswer"));
    }

    @ParameterizedTest
    @MethodSource("wrong")
    void aWrongAnswerIsNamedAtItsQuestion(Map<String, String[]> form, String question, String code) {
        AnswerValidator.Result result = AnswerValidator.validate(Fixtures.everyType(), form);
        assertThat(result.valid()).isFalse();
        assertThat(result.byQuestion().get(question)).extracting(Problem::code).isEqualTo(code);
        assertThat(result.answers()).doesNotContainKey(question);
    }

    static Stream<Arguments> forbidden() {
        return Stream.of(
                Arguments.of("region", "error.notAllowed"),
                Arguments.of("customer_id", "error.notAllowed"),
                Arguments.of("created_at", "error.notAllowed"),
                Arguments.of("ts", "error.notAllowed"),
                Arguments.of("q.salary", "error.unknownQuestion"));
    }

    @ParameterizedTest
    @MethodSource("forbidden")
    void aFieldTheRespondentMayNotSetIsRefusedByName(String field, String code) {
        AnswerValidator.Result result = AnswerValidator.validate(Fixtures.everyType(), form("q.nps", "5", field, "x"));
        assertThat(result.valid()).isFalse();
        assertThat(result.general()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.args().getFirst().toString()).isEqualTo(field.replace("q.", ""));
        });
    }

    @Test
    void fiveThousandEmojiFitTheTextLimit() {
        AnswerValidator.Result result =
                AnswerValidator.validate(Fixtures.everyType(), form("q.nps", "5", "q.comment", "😀".repeat(5000)));
        assertThat(result.valid()).isTrue();
        assertThat(result.answers().get("comment")).isEqualTo("😀".repeat(5000));
    }
}
