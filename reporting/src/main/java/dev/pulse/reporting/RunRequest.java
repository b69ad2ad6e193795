package dev.pulse.reporting;

import java.time.LocalDate;

/**
 * A request to produce one report file; checked by {@link ReportRuns#start}.
 *
 * @param report which report
 * @param region the region of a regional report; null for the national summary
 * @param from first day of the period
 * @param to the day after the last day of the period
 * @param format the file format: {@code pdf} (null means pdf) or {@code xlsx}
 */
public record RunRequest(ReportKind report, String region, LocalDate from, LocalDate to, String format) {}
