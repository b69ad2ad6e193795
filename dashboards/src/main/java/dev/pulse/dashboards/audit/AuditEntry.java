package dev.pulse.dashboards.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A stored audit entry as the page and {@code GET /api/v1/audit} show it. */
record AuditEntry(
        long id,
        Instant at,
        String actor,
        String role,
        List<String> regions,
        String address,
        String action,
        String target,
        Map<String, String> details,
        String outcome,
        String reason) {

    /** One page of entries, newest first, and how many match in all. */
    record Page(List<AuditEntry> entries, int page, int size, long total) {}
}
