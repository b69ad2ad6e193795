package dev.pulse.reporting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A stored schedule: one report, a cron expression in a zone, the period rule, the regions it
 * bursts over, and the recipients of each region's file (a region missing from {@code recipients} goes to
 * the region's owners).
 */
public record ReportSchedule(
        String id,
        String name,
        ReportKind report,
        String cron,
        ZoneId zone,
        PeriodRule periodRule,
        List<String> regions,
        Map<String, List<String>> recipients,
        String language,
        String createdBy,
        Instant createdAt) {

    public ReportSchedule {
        regions = List.copyOf(regions);
        recipients = Map.copyOf(recipients);
    }
}
