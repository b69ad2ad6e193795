package dev.pulse.reporting.runs;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What the archive records about one produced file: its parameters, the SQL behind its numbers,
 * the data watermark, and the file with its SHA-256.
 */
record ArchiveEntry(
        String runId,
        String parameters,
        String sql,
        String watermark,
        String sha256,
        Path file,
        long sizeBytes,
        Instant createdAt) {}
