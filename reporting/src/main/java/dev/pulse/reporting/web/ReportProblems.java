package dev.pulse.reporting.web;

import dev.pulse.kernel.web.Problems;
import dev.pulse.reporting.ReportFileExpiredException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one report answer kernel's problem mapper has no situation for: a file deleted by the retention
 * rule is 410 Gone. Invalid fields, unknown runs and schedules, regions outside the scope and runs
 * without a file are kernel's field error, not found, not allowed and state conflict.
 */
@RestControllerAdvice(basePackages = {"dev.pulse.reporting.web", "dev.pulse.reporting.pages"})
class ReportProblems {

    @ExceptionHandler
    ErrorResponse expired(ReportFileExpiredException e) {
        return Problems.problem(e, HttpStatus.GONE, e.getMessage()).title("Report file deleted").build();
    }
}
