package dev.pulse.kernel.web;

import dev.pulse.kernel.BodyTooLargeException;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.NotAllowedException;
import dev.pulse.kernel.NotFoundException;
import dev.pulse.kernel.StateConflictException;
import dev.pulse.kernel.TooManyRequestsException;
import java.net.URI;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one mapper of the situations every module shares to RFC 9457 problem details: a field at
 * fault, an unreadable or too large body, too many requests, not found, not allowed, a state
 * conflict, and every error Spring MVC raises itself (unknown path, method, media type, missing
 * parameter, ...). Last in order, so a module's advice for its own exceptions comes first; Spring
 * Boot's generic handler steps back because this one exists.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class CommonProblems extends ResponseEntityExceptionHandler {

    private static final String NO_ROUTE = "No route or resource at this path.";

    @ExceptionHandler
    ErrorResponse invalid(InvalidFieldException e) {
        return Problems.fields(e, HttpStatus.BAD_REQUEST, e.getMessage(), e.errors(), e.line())
                .title("Invalid input")
                .build();
    }

    @ExceptionHandler
    ErrorResponse tooLarge(BodyTooLargeException e) {
        return Problems.field(e, HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), "body")
                .title("Body too large")
                .property("limit", e.limit())
                .build();
    }

    @ExceptionHandler
    ErrorResponse tooMany(TooManyRequestsException e) {
        return Problems.retryLater(e, HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), e.retryAfter())
                .build();
    }

    @ExceptionHandler
    ErrorResponse notFound(NotFoundException e) {
        return e.field() == null
                ? Problems.problem(e, HttpStatus.NOT_FOUND, e.getMessage()).build()
                : Problems.field(e, HttpStatus.NOT_FOUND, e.getMessage(), e.field())
                        .build();
    }

    @ExceptionHandler
    ErrorResponse notAllowed(NotAllowedException e) {
        return e.field() == null
                ? Problems.problem(e, HttpStatus.FORBIDDEN, e.getMessage()).build()
                : Problems.field(e, HttpStatus.FORBIDDEN, e.getMessage(), e.field())
                        .build();
    }

    @ExceptionHandler
    ErrorResponse conflict(StateConflictException e) {
        return Problems.problem(e, HttpStatus.CONFLICT, e.getMessage())
                .title("Not possible in this state")
                .property("status", e.state())
                .build();
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(
                Problems.field(e, HttpStatus.BAD_REQUEST, "the body is not a readable JSON document", "body")
                        .build(),
                headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return answer(
                Problems.field(
                                e,
                                HttpStatus.BAD_REQUEST,
                                "'" + e.getValue() + "' is not a valid value for " + field,
                                field)
                        .build(),
                headers,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(Problems.problem(e, HttpStatus.NOT_FOUND, NO_ROUTE).build(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(
            NoHandlerFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(Problems.problem(e, HttpStatus.NOT_FOUND, NO_ROUTE).build(), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(e, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(e, headers, request);
    }

    /**
     * Declined, as before this advice existed: Boot's error dispatch answers a request no route can
     * answer in the accepted type, through the security and embedding rules of {@code /error}, so an
     * embedded dashboard asking for an API it may not open keeps its 403 whatever it accepts.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // rethrowing the exception being handled makes Spring pass it on to the next resolver, without a warning
        throw CommonProblems.<RuntimeException>sneaky(e);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable e) throws T {
        throw (T) e;
    }

    /**
     * Problem JSON even when the request asked for HTML (an unknown path is as often a browser's as a
     * client's), with the path as {@code instance} and the exception's own headers (Allow, Accept).
     */
    private ResponseEntity<Object> answer(ErrorResponse problem, HttpHeaders headers, WebRequest request) {
        ProblemDetail body = problem.getBody();
        if (request instanceof ServletWebRequest servlet) {
            body.setInstance(URI.create(servlet.getRequest().getRequestURI()));
        }
        HttpHeaders all = new HttpHeaders();
        all.addAll(headers);
        problem.getHeaders().forEach((name, values) -> {
            if (!all.containsHeader(name)) {
                all.addAll(name, values);
            }
        });
        all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatusCode()).headers(all).body(body);
    }
}
