package dev.pulse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kernel.BodyTooLargeException;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.KernelSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

/** The one JSON body reader: every refusal names its field, and the limits hold at their edges. */
class StrictJsonTest {

    record Option(String id, int weight) {}

    record Question(String type, boolean required, List<Option> options) {}

    final StrictJson json = new StrictJson(new KernelSettings(DataSize.ofBytes(200)));

    @Test
    void readsAValidBodyWithAnAbsentBooleanAsFalse() throws Exception {
        Question q = json.read(body("{\"type\":\"NPS\",\"options\":[{\"id\":\"a\",\"weight\":2}]}"), Question.class);

        assertThat(q).isEqualTo(new Question("NPS", false, List.of(new Option("a", 2))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "duplicate key         | {\"type\":\"NPS\",\"type\":\"CSAT\"}                 | type              | Duplicate",
                "unknown field         | {\"colour\":1}                                       | colour            | colour",
                "string for a boolean  | {\"required\":\"yes\"}                               | required          | ''",
                "fraction for a number | {\"options\":[{\"id\":\"a\",\"weight\":1.5}]}        | options[0].weight | ''",
                "not JSON              | <question/>                                          | body              | not a readable JSON document",
                "trailing data         | {\"type\":\"NPS\"} {}                                | body              | ''",
                "empty                 | ''                                                   | body              | required"
            })
    void refusesNamingTheField(String name, String body, String field, String inMessage) {
        assertThatThrownBy(() -> json.read(body(body), Question.class))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.errors())
                            .extracting(InvalidFieldException.FieldError::field)
                            .containsExactly(field);
                    assertThat(e.getMessage()).contains(inMessage);
                });
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedAsTheBody() {
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
        String shallow = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);

        assertThatThrownBy(() -> json.readTree(body(deep)))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("body"));
        assertThat(readTree(shallow).isArray()).isTrue();
    }

    @Test
    void aBodyOverTheLimitIsTooLargeAndOneAtTheLimitIsRead() {
        String atLimit = "{\"type\":\"" + "x".repeat(200 - 11) + "\"}";
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(200);

        assertThat(readTree(atLimit).get("type").stringValue()).hasSize(189);
        assertThatThrownBy(() -> json.readTree(body(atLimit + " ")))
                .isInstanceOfSatisfying(
                        BodyTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(200));
    }

    @Test
    void fieldByFieldHelpersNameTheField() {
        assertThat(StrictJson.strings(readTree("{\"r\":[\"华东\",\"华南\"]}").get("r"), "r"))
                .containsExactly("华东", "华南");
        assertThatThrownBy(() -> StrictJson.object(readTree("{\"x\":1}"), Set.of("region")))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("x"));
        assertThatThrownBy(() -> StrictJson.text(readTree("{\"region\":1}"), "region"))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("region must be a string"));
    }

    private tools.jackson.databind.JsonNode readTree(String body) {
        try {
            return json.readTree(body(body));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ByteArrayInputStream body(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
