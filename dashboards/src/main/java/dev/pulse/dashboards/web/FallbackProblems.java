package dev.pulse.dashboards.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for the errors no module's advice sees: an unknown path, a method a route does
 * not take, a media type nobody consumes. Module advices are scoped to their own controllers and
 * Spring Boot's own handler steps back whenever one exists, so without this those answers fell back
 * to Boot's plain error JSON.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FallbackProblems extends ResponseEntityExceptionHandler {
}
