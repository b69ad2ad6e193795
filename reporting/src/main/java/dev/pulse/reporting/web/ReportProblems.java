package dev.pulse.reporting.web;

import dev.pulse.kernel.web.Problems;
import dev.pulse.reporting.ReportFileExpiredException;
import dev.pulse.reporting.TooManyRunsException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The report answers kernel's problem mapper has no situation for: a file deleted by the retention
 * rule is 410 Gone; too many runs is kernel's 429 naming the run limit. Invalid fields, unknown runs and schedules, regions outside the scope and runs
 * without a file are kernel's field error, not found, not allowed and state conflict.
 */
@RestControllerAdvice(basePackages = {"dev.pulse.reporting.web", "dev.pulse.reporting.pages"})
class ReportProblems {

    /** A report takes seconds to render: by then a place in the queue is likely free. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** The run limits name the property that bounds them and its value, beside kernel's 429 shape. */
    @ExceptionHandler
    ErrorResponse tooMany(TooManyRunsException e) {
        return Problems.retryLater(e, HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), RETRY_AFTER)
                .title("Too many report runs")
                .property("limit", e.limit())
                .property("max", e.value())
                .build();
    }

    @ExceptionHandler
    ErrorResponse expired(ReportFileExpiredException e) {
        return Problems.problem(e, HttpStatus.GONE, e.getMessage())
                .title("Report file deleted")
                .build();
    }
}
