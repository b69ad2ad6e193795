package dev.pulse.warehouse.metrics;

import java.time.Instant;
import java.util.List;

/** Comments, newest first; their text is as the customer wrote it, to be shown as text, never as markup. */
public record CommentPage(List<Comment> comments) {

    public CommentPage {
        comments = List.copyOf(comments);
    }

    /**
     * One survey comment with the response's time (UTC), region, channel, scores (null when not answered) and
     * themes (id and label in the asked language).
     */
    public record Comment(
            String id,
            Instant ts,
            String region,
            String channel,
            Long npsScore,
            Long csatScore,
            Long cesScore,
            List<Theme> themes,
            String text) {

        public Comment {
            themes = List.copyOf(themes);
        }
    }

    /** A theme of a comment: its id and its label. */
    public record Theme(String id, String label) {}
}
