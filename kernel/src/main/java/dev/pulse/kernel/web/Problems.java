package dev.pulse.kernel.web;

import dev.pulse.kernel.InvalidFieldException.FieldError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;

/**
 * Builds every RFC 9457 problem of Pulse, so that each module's answers have one shape: a field
 * error always carries {@code field} (the first at fault) and {@code errors} (each with
 * {@code field} and {@code message}), plus {@code line} when the input has lines.
 */
public final class Problems {

    private Problems() {}

    /** A problem with no field, e.g. a 404 for an unknown id or a 503. */
    public static ErrorResponse.Builder problem(Throwable e, HttpStatusCode status, String detail) {
        return ErrorResponse.builder(e, status, detail);
    }

    /** A problem about one field; the detail is also that field's message. */
    public static ErrorResponse.Builder field(Throwable e, HttpStatusCode status, String detail, String field) {
        return fields(e, status, detail, List.of(new FieldError(field, detail)), 0);
    }

    /**
     * A problem about several fields.
     *
     * @param errors at least one; the first is also answered as {@code field}
     * @param line the 1-based line at fault, or 0 to leave {@code line} out
     */
    public static ErrorResponse.Builder fields(
            Throwable e, HttpStatusCode status, String detail, List<FieldError> errors, long line) {
        ErrorResponse.Builder builder = ErrorResponse.builder(e, status, detail)
                .property("field", errors.getFirst().field())
                .property(
                        "errors",
                        errors.stream()
                                .map(f -> Map.of("field", f.field(), "message", f.message()))
                                .toList());
        if (line > 0) {
            builder.property("line", line);
        }
        return builder;
    }

    /** A 429 (or 503) that tells the client when to try again. */
    public static ErrorResponse.Builder retryLater(Throwable e, HttpStatus status, String detail, Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() == 0 ? 0 : 1));
        return ErrorResponse.builder(e, status, detail).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
}
