package dev.pulse.warehouse.query.web;

import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.query.SqlBusyException;
import dev.pulse.warehouse.query.SqlForbiddenException;
import dev.pulse.warehouse.query.SqlLimitException;
import dev.pulse.warehouse.query.SqlRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for the query layer's controllers only: refusals name the reason and
 * the line and column, a query stopped by a limit names the limit and its value, a full house of
 * analyst queries is 429 with {@code Retry-After}; Spring's own request errors (unreadable JSON,
 * wrong media type) are problem details too.
 */
@RestControllerAdvice(basePackageClasses = QueryProblems.class)
class QueryProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);
    /** An analyst query takes seconds; sooner than this a slot is seldom free. */
    private static final String RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler
    ErrorResponse refused(SqlRefusedException e) {
        ErrorResponse.Builder builder = ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, e.getMessage())
                .title("SQL refused")
                .property("field", "sql");
        if (e.line() > 0) {
            builder.property("line", e.line()).property("column", e.column());
        }
        return builder.build();
    }

    @ExceptionHandler
    ErrorResponse forbidden(SqlForbiddenException e) {
        return ErrorResponse.builder(e, HttpStatus.FORBIDDEN, e.getMessage()).build();
    }

    /** A limit is the query's size, not a fault: 422 naming the limit and its configured value. */
    @ExceptionHandler
    ErrorResponse limit(SqlLimitException e) {
        ErrorResponse.Builder builder = ErrorResponse.builder(e, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage())
                .title("Query stopped")
                .property("limit", e.limit())
                .property("value", e.value());
        if (e.code() != 0) {
            builder.property("code", e.code());
        }
        return builder.build();
    }

    @ExceptionHandler
    ErrorResponse busy(SqlBusyException e) {
        return ErrorResponse.builder(e, HttpStatus.TOO_MANY_REQUESTS, e.getMessage())
                .title("Too many analyst queries")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    @ExceptionHandler
    ErrorResponse engine(EngineException e) {
        if (e.code() == 0) {
            log.warn("Warehouse unavailable for a query: {}", e.getMessage());
            return ErrorResponse.builder(e, HttpStatus.SERVICE_UNAVAILABLE, "the warehouse is not available").build();
        }
        // validated SQL the engine still refuses (a type ClickHouse will not compare, say): the query's fault
        log.info("Engine refused validated analyst SQL: {}", e.getMessage());
        return ErrorResponse.builder(e, HttpStatus.UNPROCESSABLE_CONTENT,
                "the warehouse could not run the query: " + firstLine(e.getMessage()))
                .title("Query failed").property("code", e.code()).build();
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        int stack = line.indexOf(". (");
        return stack > 0 ? line.substring(0, stack + 1) : line;
    }
}
