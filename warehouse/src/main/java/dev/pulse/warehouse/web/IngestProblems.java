package dev.pulse.warehouse.web;

import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.IngestionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns ingestion's exceptions into RFC 9457 problem details; only for this package's controllers,
 * ahead of Spring Boot's generic problem handler so the body names the field.
 */
@RestControllerAdvice(basePackageClasses = IngestProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IngestProblems {

    private static final Logger log = LoggerFactory.getLogger(IngestProblems.class);

    @ExceptionHandler
    ErrorResponse refused(BadRequestException e) {
        ErrorResponse.Builder builder = ErrorResponse.builder(e, e.status(), e.getMessage());
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
            builder.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return builder.build();
    }

    @ExceptionHandler
    ErrorResponse batch(IngestionException e) {
        HttpStatus status = switch (e.reason()) {
            case UNKNOWN_STREAM -> HttpStatus.NOT_FOUND;
            case TOO_MANY_ROWS -> HttpStatus.CONTENT_TOO_LARGE;
            case BAD_HEADER -> HttpStatus.BAD_REQUEST;
        };
        ErrorResponse.Builder builder = ErrorResponse.builder(e, status, e.getMessage());
        if (e.line() > 0) {
            builder.property("line", e.line());
        }
        if (!e.field().isEmpty()) {
            builder.property("field", e.field());
        }
        return builder.build();
    }

    @ExceptionHandler
    ErrorResponse atomic(AtomicBatchRejectedException e) {
        return ErrorResponse.builder(e, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage())
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
            return ErrorResponse.builder(e, HttpStatus.CONTENT_TOO_LARGE, e.getMessage() + "; send smaller batches").build();
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, "the body is not complete, valid gzip").build();
        }
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, "the body could not be read").build();
    }

    @ExceptionHandler
    ErrorResponse parameter(MethodArgumentTypeMismatchException e) {
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, "query parameter " + e.getName() + " must be true or false")
                .property("field", e.getName())
                .build();
    }

    @ExceptionHandler
    ErrorResponse engine(EngineException e) {
        log.warn("Ingestion failed in the engine (code {}): {}", e.code(), e.getMessage());
        return ErrorResponse.builder(e, HttpStatus.SERVICE_UNAVAILABLE, "the warehouse did not store the batch; retry")
                .header(HttpHeaders.RETRY_AFTER, "5")
                .build();
    }
}
