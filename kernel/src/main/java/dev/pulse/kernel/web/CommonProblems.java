package dev.pulse.kernel.web;

import dev.pulse.kernel.BodyTooLargeException;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.NotAllowedException;
import dev.pulse.kernel.NotFoundException;
import dev.pulse.kernel.StateConflictException;
import dev.pulse.kernel.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one mapper of the situations every module shares to RFC 9457 problem details: a field at
 * fault, an unreadable or too large body, too many requests, not found, not allowed, a state
 * conflict, and the errors raised before any controller is chosen (unknown path, method, media
 * type). Last in order, so a module's own advice for its own exceptions comes first; Spring
 * Boot's generic handler steps back because advices exist, so without this those answers fell
 * back to Boot's plain error JSON.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class CommonProblems {

    @ExceptionHandler
    ErrorResponse invalid(InvalidFieldException e) {
        return Problems.fields(e, HttpStatus.BAD_REQUEST, e.getMessage(), e.errors(), e.line()).title("Invalid input").build();
    }

    @ExceptionHandler
    ErrorResponse tooLarge(BodyTooLargeException e) {
        return Problems.field(e, HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), "body")
                .title("Body too large")
                .property("limit", e.limit())
                .build();
    }

    @ExceptionHandler
    ErrorResponse unreadable(HttpMessageNotReadableException e) {
        return Problems.field(e, HttpStatus.BAD_REQUEST, "the body is not a readable JSON document", "body").build();
    }

    @ExceptionHandler
    ErrorResponse mismatch(TypeMismatchException e) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return Problems.field(e, HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid value for " + field, field)
                .build();
    }

    @ExceptionHandler
    ErrorResponse tooMany(TooManyRequestsException e) {
        return Problems.retryLater(e, HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), e.retryAfter()).build();
    }

    @ExceptionHandler
    ErrorResponse notFound(NotFoundException e) {
        return e.field() == null
                ? Problems.problem(e, HttpStatus.NOT_FOUND, e.getMessage()).build()
                : Problems.field(e, HttpStatus.NOT_FOUND, e.getMessage(), e.field()).build();
    }

    @ExceptionHandler
    ErrorResponse notAllowed(NotAllowedException e) {
        return e.field() == null
                ? Problems.problem(e, HttpStatus.FORBIDDEN, e.getMessage()).build()
                : Problems.field(e, HttpStatus.FORBIDDEN, e.getMessage(), e.field()).build();
    }

    @ExceptionHandler
    ErrorResponse conflict(StateConflictException e) {
        return Problems.problem(e, HttpStatus.CONFLICT, e.getMessage())
                .title("Not possible in this state")
                .property("status", e.state())
                .build();
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> noRoute(Exception e, HttpServletRequest request) {
        return answer(Problems.problem(e, HttpStatus.NOT_FOUND, "No route or resource at this path.").build(), request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        ErrorResponse.Builder builder = Problems.problem(e, HttpStatus.METHOD_NOT_ALLOWED,
                "Method '" + e.getMethod() + "' is not supported.");
        if (e.getSupportedHttpMethods() != null) {
            builder.headers(headers -> headers.setAllow(e.getSupportedHttpMethods()));
        }
        return answer(builder.build(), request);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return answer(Problems.problem(e, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type '" + e.getContentType() + "' is not supported.")
                .headers(headers -> headers.setAccept(e.getSupportedMediaTypes()))
                .build(), request);
    }

    /** Problem JSON even when the request asked for HTML, as these answers always were. */
    private static ResponseEntity<ProblemDetail> answer(ErrorResponse problem, HttpServletRequest request) {
        ProblemDetail body = problem.getBody();
        body.setInstance(URI.create(request.getRequestURI()));
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(problem.getHeaders());
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatusCode()).headers(headers).body(body);
    }
}
