package dev.pulse.dashboards.embed;

/**
 * What an embedded request may see: one dashboard, optionally one locked region, and the origin
 * allowed to frame it. Kept as a request attribute by whatever authenticated the request as an
 * embed (the token exchange, or the grant header), never in a session.
 */
public record EmbedScope(String dashboard, String region, String origin) {

    /** The request attribute that marks a request as embedded. */
    public static final String ATTRIBUTE = "pulse.embed";
}
