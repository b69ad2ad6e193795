package dev.pulse.reporting.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletes archived files older than the retention period and records when; the archive rows stay,
 * so what was produced and from which numbers is never forgotten.
 */
final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final JdbcClient jdbc;
    private final Duration retention;

    Retention(JdbcClient jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /** An archived file and its run. */
    private record Archived(String runId, String filePath) {}

    /** Deletes the files archived before {@code now} minus the retention period; returns how many. */
    int purge(Instant now) {
        OffsetDateTime cutoff = now.minus(retention).atOffset(ZoneOffset.UTC);
        List<Archived> expired =
                jdbc.sql("""
                SELECT run_id, file_path FROM report_archive WHERE created_at < :cutoff AND file_deleted_at IS NULL
                """).param("cutoff", cutoff).query(Archived.class).list();
        for (Archived archived : expired) {
            try {
                Files.deleteIfExists(Path.of(archived.filePath()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete expired report file " + archived.filePath(), e);
            }
            jdbc.sql("UPDATE report_archive SET file_deleted_at = :now WHERE run_id = :id")
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .param("id", archived.runId())
                    .update();
        }
        if (!expired.isEmpty()) {
            log.info("Deleted {} report files archived before {}", expired.size(), cutoff);
        }
        return expired.size();
    }
}
