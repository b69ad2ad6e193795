package dev.pulse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.InvalidFieldException.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/** Every field error has the same shape, whichever module answers it. */
class ProblemsTest {

    final RuntimeException cause = new RuntimeException("x");

    @Test
    void aFieldProblemAlwaysCarriesFieldAndErrors() {
        ProblemDetail body = Problems.field(cause, HttpStatus.BAD_REQUEST, "limit must be a whole number", "limit")
                .build()
                .getBody();

        assertThat(body.getStatus()).isEqualTo(400);
        assertThat(body.getDetail()).isEqualTo("limit must be a whole number");
        assertThat(body.getProperties())
                .containsEntry("field", "limit")
                .containsEntry("errors", List.of(Map.of("field", "limit", "message", "limit must be a whole number")))
                .doesNotContainKey("line");
    }

    @Test
    void severalFieldsNameTheFirstAndKeepTheLine() {
        ProblemDetail body = Problems.fields(
                        cause,
                        HttpStatus.BAD_REQUEST,
                        "title.zh: is required",
                        List.of(new FieldError("title.zh", "is required"), new FieldError("questions", "at least one")),
                        7)
                .build()
                .getBody();

        assertThat(body.getProperties()).containsEntry("field", "title.zh").containsEntry("line", 7L);
        assertThat((List<?>) body.getProperties().get("errors")).hasSize(2);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        ErrorResponse half = Problems.retryLater(cause, HttpStatus.TOO_MANY_REQUESTS, "busy", Duration.ofMillis(1500))
                .build();
        ErrorResponse five = Problems.retryLater(cause, HttpStatus.SERVICE_UNAVAILABLE, "retry", Duration.ofSeconds(5))
                .build();

        assertThat(half.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(five.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(half.getStatusCode().value()).isEqualTo(429);
    }
}
