package dev.pulse.dashboards.embed;

import java.io.Serializable;

/**
 * What an embedded session may see, kept in the session: one dashboard, optionally one region, and
 * the origin allowed to frame it.
 */
public record EmbedSession(String dashboard, String region, String origin) implements Serializable {

    /** The session attribute that marks a session as embedded. */
    public static final String ATTRIBUTE = "pulse.embed";
}
