package dev.pulse.surveys.web;

import dev.pulse.surveys.InvalidInputException;
import dev.pulse.surveys.SurveyNotFoundException;
import dev.pulse.surveys.SurveyStateException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns this module's exceptions into RFC 9457 problem details naming the field at fault. */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ErrorResponse invalid(InvalidInputException e) {
        List<Map<String, String>> errors = e.problems().stream()
                .map(p -> Map.of("field", p.field(), "message", p.message()))
                .toList();
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, e.getMessage())
                .title("Invalid input")
                .property("field", e.problems().getFirst().field())
                .property("errors", errors)
                .build();
    }

    @ExceptionHandler
    ErrorResponse notFound(SurveyNotFoundException e) {
        return ErrorResponse.builder(e, HttpStatus.NOT_FOUND, e.getMessage()).title("No such survey").build();
    }

    @ExceptionHandler
    ErrorResponse conflict(SurveyStateException e) {
        return ErrorResponse.builder(e, HttpStatus.CONFLICT, e.getMessage())
                .title("Not possible in this state")
                .property("status", e.status().name())
                .build();
    }

    @ExceptionHandler
    ErrorResponse tooLarge(JsonBodies.BodyTooLargeException e) {
        return ErrorResponse.builder(e, HttpStatus.CONTENT_TOO_LARGE, e.getMessage())
                .title("Body too large")
                .property("field", "body")
                .build();
    }
}
