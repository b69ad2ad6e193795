package dev.pulse.reporting;

import java.util.List;
import java.util.Map;

/**
 * A request to create or edit a schedule; checked by {@link ReportSchedules#create} and {@link ReportSchedules#update}.
 *
 * @param name what people call it
 * @param report which report; only regional-performance bursts per region
 * @param cron a six-field cron expression (seconds first), e.g. {@code 0 0 8 1 * ?}
 * @param zone the zone of the cron expression; null for {@code pulse.timezone}
 * @param periodRule which period each run covers
 * @param regions the regions to burst over; empty for all regions
 * @param recipients e-mail addresses per region; a region without any goes to the region's owners when it is sent
 * @param language {@code zh} or {@code en}; null for {@code zh}
 */
public record ScheduleRequest(
        String name,
        ReportKind report,
        String cron,
        String zone,
        PeriodRule periodRule,
        List<String> regions,
        Map<String, List<String>> recipients,
        String language) {}
