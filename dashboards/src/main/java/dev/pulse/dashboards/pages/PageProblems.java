package dev.pulse.dashboards.pages;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A bad dashboard URL or export request is a 400 problem naming the parameter, never a 500. */
@RestControllerAdvice(basePackageClasses = PageProblems.class)
class PageProblems {

    @ExceptionHandler
    ErrorResponse badFilter(BadFilterException e) {
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, e.getMessage()).property("field", e.field()).build();
    }

    @ExceptionHandler
    ErrorResponse badQuery(dev.pulse.warehouse.metrics.MetricQueryException e) {
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, e.getMessage()).property("field", e.field()).build();
    }
}
