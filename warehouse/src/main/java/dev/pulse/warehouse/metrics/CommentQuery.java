package dev.pulse.warehouse.metrics;

import java.time.LocalDate;
import java.util.List;

/**
 * Which comments: days {@code [from, to)} in {@code pulse.timezone}, filters on the dimensions of survey
 * responses (region, segment, channel, theme, nps_group, ...), and how many ({@link LatestComments#DEFAULT_LIMIT}
 * when null, at most {@link LatestComments#MAX_LIMIT}).
 */
public record CommentQuery(LocalDate from, LocalDate to, List<MetricQuery.Filter> filters, Integer limit) {

    public CommentQuery {
        filters = filters == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(filters));
    }
}
