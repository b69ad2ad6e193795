package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import java.util.Locale;

/**
 * The latest survey comments, read through the same choke point as the metrics: one plan compiled under the
 * caller's scope, so a comment of a region outside it is never read.
 */
public interface LatestComments {

    /** The default number of comments. */
    int DEFAULT_LIMIT = 20;
    /** The most comments one request may ask for. */
    int MAX_LIMIT = 100;

    /**
     * The most recent non-blank comments of survey responses in the range that pass the filters, newest first.
     *
     * @param query the range, filters and limit, must not be null
     * @param caller whose regions bound the rows read, must not be null
     * @param locale the language of the theme labels, must not be null
     * @return at most {@code query.limit()} comments
     * @throws InvalidFieldException naming the field when the request is not valid
     */
    CommentPage latest(CommentQuery query, Caller caller, Locale locale);
}
