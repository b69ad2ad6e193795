package dev.pulse.warehouse.metrics.web;

import dev.pulse.warehouse.Caller;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.Metrics;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/query}: governed metrics by dimensions under the caller's scope;
 * {@code ?explain=true} answers the SQL and Calcite plans without running them.
 */
@RestController
class QueryController {

    private final Metrics metrics;

    QueryController(Metrics metrics) {
        this.metrics = metrics;
    }

    @PostMapping(path = "/api/v1/query", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasAnyRole('EXECUTIVE', 'ANALYST', 'QUALITY', 'REGIONAL_MANAGER', 'ADMIN')")
    Object query(@RequestBody JsonNode body, @RequestParam(defaultValue = "false") boolean explain,
            @AuthenticationPrincipal Caller caller, Locale locale) {
        MetricQuery query = QueryRequestReader.read(body);
        return explain ? metrics.explain(query, caller) : metrics.run(query, caller, locale);
    }
}
