package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.query.CompiledQuery;
import dev.pulse.warehouse.query.SqlCompiler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the latest comments: the request is checked like a metric request (range, filters, their fields), the
 * plan is built by {@link Plans#comments} and compiled under the caller's scope.
 */
final class CommentService implements LatestComments {

    private final Catalogue catalogue;
    private final SqlCompiler compiler;
    private final ClickHouseEngine engine;
    private final MetricsSettings settings;
    private final Plans plans;

    CommentService(
            Catalogue catalogue, SqlCompiler compiler, ClickHouseEngine engine, MetricsSettings settings, Plans plans) {
        this.catalogue = catalogue;
        this.compiler = compiler;
        this.engine = engine;
        this.settings = settings;
        this.plans = plans;
    }

    @Override
    public CommentPage latest(CommentQuery query, Caller caller, Locale locale) {
        Objects.requireNonNull(caller, "caller");
        for (int i = 0; i < query.filters().size(); i++) {
            MetricQuery.Filter f = query.filters().get(i);
            String dimension = f == null ? null : f.dimension();
            if (dimension != null
                    && catalogue.dimensions().containsKey(dimension)
                    && !catalogue.sources().get(Source.SURVEY_RESPONSES).contains(dimension)) {
                throw new InvalidFieldException(
                        "filters[" + i + "].dimension", "comments cannot be filtered by '" + dimension + "'");
            }
        }
        int limit = query.limit() == null ? DEFAULT_LIMIT : query.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        // the range and filters are those of a request for responses: the same checks, the same field names
        Request request = Request.validate(
                new MetricQuery(
                        List.of("responses"),
                        List.of(),
                        query.filters(),
                        query.from(),
                        query.to(),
                        List.of(),
                        null,
                        null),
                catalogue,
                settings.bounds());
        Plans.Slice slice = new Plans.Slice(List.of(), request.filters(), request.from(), request.to());
        CompiledQuery compiled = compiler.compile(plans.comments(slice, limit), caller.scope());
        QueryResult result = engine.query(compiled.sql(), compiled.params());
        Map<String, String> labels = catalogue.valueLabels(Plans.THEME, locale);
        List<CommentPage.Comment> comments = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            List<CommentPage.Theme> themes = new ArrayList<>();
            for (Object theme : (List<?>) row.get(result.indexOf("themes"))) {
                themes.add(new CommentPage.Theme((String) theme, labels.getOrDefault((String) theme, (String) theme)));
            }
            comments.add(new CommentPage.Comment(
                    (String) row.get(result.indexOf("id")),
                    (Instant) row.get(result.indexOf("ts")),
                    (String) row.get(result.indexOf("region")),
                    (String) row.get(result.indexOf("channel")),
                    (Long) row.get(result.indexOf("nps_score")),
                    (Long) row.get(result.indexOf("csat_score")),
                    (Long) row.get(result.indexOf("ces_score")),
                    themes,
                    (String) row.get(result.indexOf("comment"))));
        }
        return new CommentPage(comments);
    }
}
