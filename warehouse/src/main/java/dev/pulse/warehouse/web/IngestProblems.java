package dev.pulse.warehouse.web;

import dev.pulse.kernel.InvalidFieldException.FieldError;
import dev.pulse.kernel.web.Problems;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.IngestionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns ingestion's own exceptions (per-line rejections, refused requests, unreadable bodies) into RFC 9457
 * problem details through kernel's builder; only for this package's controllers,
 * ahead of Spring Boot's generic problem handler so the body names the field.
 */
@RestControllerAdvice(basePackageClasses = IngestProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IngestProblems {

    private static final Logger log = LoggerFactory.getLogger(IngestProblems.class);

    @ExceptionHandler
    ErrorResponse refused(RequestRefusedException e) {
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            return Problems.retryLater(e, e.status(), e.getMessage(), Duration.ofSeconds(1))
                    .build();
        }
        return Problems.problem(e, e.status(), e.getMessage()).build();
    }

    @ExceptionHandler
    ErrorResponse batch(IngestionException e) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_STREAM -> HttpStatus.NOT_FOUND;
            case TOO_MANY_ROWS -> HttpStatus.CONTENT_TOO_LARGE;
            case BAD_HEADER -> HttpStatus.BAD_REQUEST;
        };
        if (!e.field().isEmpty()) {
            return Problems.fields(
                            e, status, e.getMessage(), List.of(new FieldError(e.field(), e.getMessage())), e.line())
                    .build();
        }
        ErrorResponse.Builder builder = Problems.problem(e, status, e.getMessage());
        if (e.line() > 0) {
            builder.property("line", e.line());
        }
        return builder.build();
    }

    @ExceptionHandler
    ErrorResponse atomic(AtomicBatchRejectedException e) {
        return Problems.problem(e, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage())
                .property("accepted", 0)
                .property("duplicates", 0)
                .property("rejected", e.rejected())
                .build();
    }

    @ExceptionHandler
    ErrorResponse unreadable(UncheckedIOException e) {
        return body(e.getCause());
    }

    @ExceptionHandler
    ErrorResponse unreadable(IOException e) {
        return body(e);
    }

    private static ErrorResponse body(IOException e) {
        if (e instanceof LimitedInputStream.BodyTooLargeException) {
            return Problems.problem(e, HttpStatus.CONTENT_TOO_LARGE, e.getMessage() + "; send smaller batches")
                    .build();
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return Problems.problem(e, HttpStatus.BAD_REQUEST, "the body is not complete, valid gzip")
                    .build();
        }
        return Problems.problem(e, HttpStatus.BAD_REQUEST, "the body could not be read")
                .build();
    }

    @ExceptionHandler
    ErrorResponse parameter(MethodArgumentTypeMismatchException e) {
        return Problems.field(
                        e,
                        HttpStatus.BAD_REQUEST,
                        "query parameter " + e.getName() + " must be true or false",
                        e.getName())
                .build();
    }

    @ExceptionHandler
    ErrorResponse engine(EngineException e) {
        log.warn("Ingestion failed in the engine (code {}): {}", e.code(), e.getMessage());
        return Problems.retryLater(
                        e,
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "the warehouse did not store the batch; retry",
                        Duration.ofSeconds(5))
                .build();
    }
}
