package dev.pulse.warehouse.metrics.web;

import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.metrics.MetricQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
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

/**
 * RFC 9457 problem details for the metric API only: a bad request names the field at fault
 * ({@code field}); Spring's own request errors (unreadable JSON, wrong media type, a bad
 * {@code explain}) are problem details too.
 */
@RestControllerAdvice(basePackageClasses = MetricsProblems.class)
class MetricsProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MetricsProblems.class);

    @ExceptionHandler
    ErrorResponse invalid(MetricQueryException e) {
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, e.getMessage())
                .title("Invalid metric request")
                .property("field", e.field())
                .build();
    }

    @ExceptionHandler
    ErrorResponse engine(EngineException e) {
        if (e.code() == 0) {
            log.warn("Warehouse unavailable for a metric request: {}", e.getMessage());
            return ErrorResponse.builder(e, HttpStatus.SERVICE_UNAVAILABLE, "the warehouse is not available").build();
        }
        // the request was valid and the plan is ours: a refusal by the engine is our fault
        log.error("The engine refused a compiled metric plan", e);
        return ErrorResponse.builder(e, HttpStatus.INTERNAL_SERVER_ERROR, "the warehouse could not compute the metrics")
                .property("code", e.code()).build();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body is not a readable JSON document");
        body.setProperty("field", "body");
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "'" + ex.getValue() + "' is not a valid value for " + ex.getPropertyName());
        body.setProperty("field", ex.getPropertyName());
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }
}
