package dev.pulse.reporting.web;

import dev.pulse.reporting.InvalidReportRequestException;
import dev.pulse.reporting.ReportFileExpiredException;
import dev.pulse.reporting.RegionNotAllowedException;
import dev.pulse.reporting.RunNotFoundException;
import dev.pulse.reporting.RunNotReadyException;
import dev.pulse.reporting.ScheduleNotFoundException;
import dev.pulse.reporting.TooManyRunsException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns report exceptions into RFC 9457 problem details, for the API and the pages (an unknown run or schedule is a 404); a 4xx names the field at fault. */
@RestControllerAdvice(basePackages = {"dev.pulse.reporting.web", "dev.pulse.reporting.pages"})
class ReportProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ErrorResponse invalid(InvalidReportRequestException e) {
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, e.getMessage())
                .title("Invalid report request")
                .property("field", e.field())
                .build();
    }

    @ExceptionHandler
    ErrorResponse notAllowed(RegionNotAllowedException e) {
        return ErrorResponse.builder(e, HttpStatus.FORBIDDEN, "You may not run reports for region " + e.region())
                .title("Region outside your scope")
                .property("field", "region")
                .build();
    }

    /** A report takes seconds to render: by then a place in the queue is likely free. */
    private static final String RETRY_AFTER_SECONDS = "10";

    @ExceptionHandler
    ErrorResponse tooMany(TooManyRunsException e) {
        return ErrorResponse.builder(e, HttpStatus.TOO_MANY_REQUESTS, e.getMessage())
                .title("Too many report runs")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .property("limit", e.limit())
                .property("max", e.value())
                .build();
    }

    @ExceptionHandler
    ErrorResponse notFound(RunNotFoundException e) {
        return ErrorResponse.builder(e, HttpStatus.NOT_FOUND, e.getMessage()).title("No such report run").build();
    }

    @ExceptionHandler
    ErrorResponse noSchedule(ScheduleNotFoundException e) {
        return ErrorResponse.builder(e, HttpStatus.NOT_FOUND, e.getMessage())
                .title("No such report schedule")
                .property("field", "id")
                .build();
    }

    @ExceptionHandler
    ErrorResponse unknownReport(ReportRunController.UnknownReportException e) {
        return ErrorResponse.builder(e, HttpStatus.NOT_FOUND, e.getMessage())
                .title("No such report")
                .property("field", "report")
                .build();
    }

    @ExceptionHandler
    ErrorResponse notReady(RunNotReadyException e) {
        return ErrorResponse.builder(e, HttpStatus.CONFLICT, e.getMessage())
                .title("Report file not ready")
                .property("status", e.status().name())
                .build();
    }

    @ExceptionHandler
    ErrorResponse expired(ReportFileExpiredException e) {
        return ErrorResponse.builder(e, HttpStatus.GONE, e.getMessage()).title("Report file deleted").build();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body must be a JSON object");
        problem.setTitle("Invalid report request");
        problem.setProperty("field", "body");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
