package dev.pulse.kernel;

/** What a caller may do; a REGIONAL_MANAGER is further limited to the regions of its {@link Scope}. */
public enum Role {
    INGEST,
    EXECUTIVE,
    ANALYST,
    QUALITY,
    REGIONAL_MANAGER,
    ADMIN
}
