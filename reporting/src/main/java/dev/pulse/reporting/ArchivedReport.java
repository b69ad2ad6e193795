package dev.pulse.reporting;

import java.time.Instant;

/**
 * What the archive records about the file of a run: the parameters it was run with, every SQL
 * statement behind its numbers, the data watermark they were computed at, and the file's SHA-256.
 *
 * @param run the run that produced the file
 * @param parameters the run's parameters as JSON (report, region, period, format, who asked, role, scope)
 * @param sql the statements, separated by {@code ;} and a line break
 * @param watermark the write watermark of the warehouse when the numbers were computed
 * @param sha256 the hex SHA-256 of the file
 * @param sizeBytes the file's size
 * @param archivedAt when the file was archived
 * @param fileDeletedAt when the retention rule deleted the file, or null while it can be downloaded
 */
public record ArchivedReport(
        ReportRun run,
        String parameters,
        String sql,
        String watermark,
        String sha256,
        long sizeBytes,
        Instant archivedAt,
        Instant fileDeletedAt) {}
