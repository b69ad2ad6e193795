package dev.pulse.reporting;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One report run as stored: what was asked, by whom, and how it went; {@code sha256} and
 * {@code sizeBytes} are set once the file is archived.
 */
public record ReportRun(
        String id,
        ReportKind report,
        String region,
        LocalDate from,
        LocalDate to,
        String format,
        String requestedBy,
        RunStatus status,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String sha256,
        Long sizeBytes) {}
