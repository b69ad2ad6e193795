package dev.pulse.warehouse.query.web;

import dev.pulse.kernel.InvalidFieldException.FieldError;
import dev.pulse.kernel.web.Problems;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.query.SqlBusyException;
import dev.pulse.warehouse.query.SqlLimitException;
import dev.pulse.warehouse.query.SqlRefusedException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem details for the query layer's own refusals, through kernel's builder: refused SQL
 * names the reason and the line and column; a query stopped by a limit is 422 naming the limit and its
 * value; a full house of analyst queries is 429 with {@code Retry-After}; an engine refusal keeps the
 * engine's code. A forbidden use and unreadable bodies are kernel's.
 */
@RestControllerAdvice(basePackageClasses = QueryProblems.class)
class QueryProblems {

    private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);
    /** An analyst query takes seconds; sooner than this a slot is seldom free. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    @ExceptionHandler
    ErrorResponse refused(SqlRefusedException e) {
        ErrorResponse.Builder builder = Problems.fields(
                        e,
                        HttpStatus.BAD_REQUEST,
                        e.getMessage(),
                        List.of(new FieldError("sql", e.getMessage())),
                        e.line())
                .title("SQL refused");
        if (e.line() > 0) {
            builder.property("column", e.column());
        }
        return builder.build();
    }

    @ExceptionHandler
    ErrorResponse limit(SqlLimitException e) {
        ErrorResponse.Builder builder = Problems.problem(e, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage())
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
        return Problems.retryLater(e, HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), RETRY_AFTER)
                .title("Too many analyst queries")
                .build();
    }

    @ExceptionHandler
    ErrorResponse engine(EngineException e) {
        if (e.code() == 0) {
            log.warn("Warehouse unavailable for a query: {}", e.getMessage());
            return Problems.problem(e, HttpStatus.SERVICE_UNAVAILABLE, "the warehouse is not available")
                    .build();
        }
        // validated SQL the engine still refuses (a type ClickHouse will not compare, say): the query's fault
        log.info("Engine refused validated analyst SQL: {}", e.getMessage());
        return Problems.problem(
                        e,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "the warehouse could not run the query: " + firstLine(e.getMessage()))
                .title("Query failed")
                .property("code", e.code())
                .build();
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        int stack = line.indexOf(". (");
        return stack > 0 ? line.substring(0, stack + 1) : line;
    }
}
