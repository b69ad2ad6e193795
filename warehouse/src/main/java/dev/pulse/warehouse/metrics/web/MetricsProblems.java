package dev.pulse.warehouse.metrics.web;

import dev.pulse.kernel.web.Problems;
import dev.pulse.warehouse.EngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The engine's failures under the metric API: unavailable is a 503, a refused compiled plan is our
 * fault (500 with the engine's code). Field errors and unreadable bodies are kernel's.
 */
@RestControllerAdvice(basePackageClasses = MetricsProblems.class)
class MetricsProblems {

    private static final Logger log = LoggerFactory.getLogger(MetricsProblems.class);

    @ExceptionHandler
    ErrorResponse engine(EngineException e) {
        if (e.code() == 0) {
            log.warn("Warehouse unavailable for a metric request: {}", e.getMessage());
            return Problems.problem(e, HttpStatus.SERVICE_UNAVAILABLE, "the warehouse is not available")
                    .build();
        }
        // the request was valid and the plan is ours: a refusal by the engine is our fault
        log.error("The engine refused a compiled metric plan", e);
        return Problems.problem(e, HttpStatus.INTERNAL_SERVER_ERROR, "the warehouse could not compute the metrics")
                .property("code", e.code())
                .build();
    }
}
