package dev.pulse.warehouse.metrics.web;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.warehouse.metrics.CommentPage;
import dev.pulse.warehouse.metrics.CommentQuery;
import dev.pulse.warehouse.metrics.LatestComments;
import dev.pulse.warehouse.metrics.MetricQuery;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/comments}: the latest survey comments under the caller's scope, with the dashboard's filters
 * as parameters. Every parameter is read as text and checked by the service, so that a bad one is a 400 naming it
 * and a caller without the role is refused before anything is read.
 */
@RestController
class CommentsController {

    /** Parameters that filter a dimension of the same name, each with one value. */
    private static final List<String> FILTERS = List.of("region", "segment", "channel", "theme", "nps_group");

    private final LatestComments comments;

    CommentsController(LatestComments comments) {
        this.comments = comments;
    }

    @GetMapping(path = "/api/v1/comments", produces = "application/json")
    @PreAuthorize("hasAnyRole('EXECUTIVE', 'ANALYST', 'QUALITY', 'REGIONAL_MANAGER', 'ADMIN')")
    CommentPage latest(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String segment,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String theme,
            @RequestParam(name = "nps_group", required = false) String npsGroup,
            @RequestParam(required = false) String limit,
            @RequestHeader(name = "Accept-Language", required = false) String languages,
            @AuthenticationPrincipal Caller caller) {
        List<String> values = java.util.Arrays.asList(region, segment, channel, theme, npsGroup);
        List<MetricQuery.Filter> filters = new ArrayList<>();
        for (int i = 0; i < FILTERS.size(); i++) {
            if (values.get(i) != null && !values.get(i).isEmpty()) {
                filters.add(new MetricQuery.Filter(FILTERS.get(i), MetricQuery.Op.EQ, List.of(values.get(i))));
            }
        }
        try {
            return comments.latest(
                    new CommentQuery(
                            QueryRequestReader.date(from, "from"),
                            QueryRequestReader.date(to, "to"),
                            filters,
                            limit(limit)),
                    caller,
                    QueryController.labels(languages));
        } catch (InvalidFieldException e) {
            // the service names filters by position; the caller knows them by parameter
            throw e.field().startsWith("filters[") ? renamed(e, filters) : e;
        }
    }

    private static InvalidFieldException renamed(InvalidFieldException e, List<MetricQuery.Filter> filters) {
        int index = Integer.parseInt(
                e.field().substring("filters[".length(), e.field().indexOf(']')));
        return new InvalidFieldException(filters.get(index).dimension(), e.getMessage());
    }

    private static Integer limit(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("limit", "limit must be a whole number");
        }
    }
}
