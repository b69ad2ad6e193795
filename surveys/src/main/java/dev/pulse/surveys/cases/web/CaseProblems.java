package dev.pulse.surveys.cases.web;

import dev.pulse.surveys.InvalidInputException;
import dev.pulse.surveys.cases.CaseNotFoundException;
import dev.pulse.surveys.cases.CaseStateException;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for the case API, naming the field at fault. */
@RestControllerAdvice(basePackageClasses = CaseProblems.class)
class CaseProblems {

    @ExceptionHandler
    ErrorResponse invalid(InvalidInputException e) {
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, e.getMessage())
                .title("Invalid input")
                .property("field", e.problems().getFirst().field())
                .build();
    }

    @ExceptionHandler
    ErrorResponse notFound(CaseNotFoundException e) {
        return ErrorResponse.builder(e, HttpStatus.NOT_FOUND, e.getMessage()).title("No such case").build();
    }

    @ExceptionHandler
    ErrorResponse conflict(CaseStateException e) {
        return ErrorResponse.builder(e, HttpStatus.CONFLICT, e.getMessage())
                .title("Not possible in this state")
                .property("status", e.status().name())
                .build();
    }
}
