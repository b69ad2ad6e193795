package dev.pulse.warehouse.metrics.web;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.web.StrictJson;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.Metrics;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/query}: governed metrics by dimensions under the caller's scope;
 * {@code ?explain=true} answers the SQL and Calcite plans without running them.
 */
@RestController
class QueryController {

    private final Metrics metrics;
    private final StrictJson json;

    QueryController(Metrics metrics, StrictJson json) {
        this.metrics = metrics;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/query", consumes = "application/json", produces = "application/json")
    @PreAuthorize("hasAnyRole('EXECUTIVE', 'ANALYST', 'QUALITY', 'REGIONAL_MANAGER', 'ADMIN')")
    Object query(
            InputStream body,
            @RequestParam(defaultValue = "false") boolean explain,
            @RequestHeader(name = "Accept-Language", required = false) String languages,
            @AuthenticationPrincipal Caller caller)
            throws IOException {
        MetricQuery query = QueryRequestReader.read(json.readTree(body));
        return explain ? metrics.explain(query, caller) : metrics.run(query, caller, labels(languages));
    }

    /** Chinese labels unless the client prefers English; not the server's default locale, which says nothing about the reader. */
    static Locale labels(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        try {
            Locale best =
                    Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), List.of(Locale.CHINESE, Locale.ENGLISH));
            return best == null || !best.getLanguage().equals("en") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        } catch (IllegalArgumentException e) {
            return Locale.SIMPLIFIED_CHINESE;
        }
    }
}
