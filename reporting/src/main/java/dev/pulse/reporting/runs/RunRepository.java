package dev.pulse.reporting.runs;

import dev.pulse.kernel.Role;
import dev.pulse.reporting.ArchivedReport;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.RunStatus;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Report runs and the archive in the operational database. */
final class RunRepository {

    private static final String SELECT = """
            SELECT r.*, a.sha256, a.size_bytes, a.file_path
            FROM report_runs r LEFT JOIN report_archive a ON a.run_id = r.id
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    RunRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Stores a queued run leased by {@code lease}'s owner. */
    void insert(StoredRun stored, Lease lease) {
        ReportRun run = stored.run();
        jdbc.sql("""
                INSERT INTO report_runs (id, report, region, period_from, period_to, format, requested_by, caller_role,
                                         scope, status, created_at, owner, lease_until)
                VALUES (:id, :report, :region, :from, :to, :format, :by, :role, :scope, :status, :created, :owner, :until)
                """)
                .param("id", run.id())
                .param("report", run.report().id())
                .param("region", run.region())
                .param("from", run.from())
                .param("to", run.to())
                .param("format", run.format())
                .param("by", run.requestedBy())
                .param("role", stored.role().name())
                .param("scope", StoredRun.format(stored.scope()))
                .param("status", run.status().name())
                .param("created", utc(run.createdAt()))
                .param("owner", lease.owner())
                .param("until", utc(lease.until()))
                .update();
    }

    /**
     * Moves a run that is queued, or running under a lease that ran out, to RUNNING under {@code lease};
     * false when another worker has it or it is done. One conditional UPDATE, so of two instances that
     * claim the same run at once exactly one gets it.
     */
    boolean claim(String id, Lease lease, Instant now) {
        return jdbc.sql("""
                UPDATE report_runs SET status = 'RUNNING', started_at = :now, attempts = attempts + 1,
                                       owner = :owner, lease_until = :until
                WHERE id = :id AND (status = 'QUEUED' OR (status = 'RUNNING' AND %s))
                """.formatted(EXPIRED))
                        .param("id", id)
                        .param("now", utc(now))
                        .param("owner", lease.owner())
                        .param("until", utc(lease.until()))
                        .update()
                == 1;
    }

    /** A lease that ran out; a run of a version before leases has none, and its process is gone. */
    private static final String EXPIRED = "(lease_until IS NULL OR lease_until < :now)";

    /** Extends the leases of every unfinished run {@code lease}'s owner holds; returns how many. */
    int renew(Lease lease) {
        return jdbc.sql("""
                UPDATE report_runs SET lease_until = :until WHERE owner = :owner AND status IN ('QUEUED', 'RUNNING')
                """)
                .param("owner", lease.owner())
                .param("until", utc(lease.until()))
                .update();
    }

    /** The unfinished runs whose lease ran out at {@code now}, oldest first: their instance is gone. */
    List<String> expired(Instant now) {
        return jdbc.sql("SELECT id FROM report_runs WHERE status IN ('QUEUED', 'RUNNING') AND " + EXPIRED
                        + " ORDER BY created_at")
                .param("now", utc(now))
                .query(String.class)
                .list();
    }

    /**
     * Takes over a run whose lease ran out: queued again under {@code lease}; false when its owner renewed
     * the lease meanwhile, another instance took it over first, or it finished.
     */
    boolean takeOver(String id, Lease lease, Instant now) {
        return jdbc.sql("""
                UPDATE report_runs SET status = 'QUEUED', started_at = NULL, owner = :owner, lease_until = :until
                WHERE id = :id AND status IN ('QUEUED', 'RUNNING') AND %s
                """.formatted(EXPIRED))
                        .param("id", id)
                        .param("now", utc(now))
                        .param("owner", lease.owner())
                        .param("until", utc(lease.until()))
                        .update()
                == 1;
    }

    /** Runs waiting for a worker, across instances. */
    int queued() {
        return jdbc.sql("SELECT COUNT(*) FROM report_runs WHERE status = 'QUEUED'")
                .query(Integer.class)
                .single();
    }

    /** Runs of {@code requestedBy} queued or rendering. */
    int inFlight(String requestedBy) {
        return jdbc.sql("SELECT COUNT(*) FROM report_runs WHERE requested_by = :by AND status IN ('QUEUED', 'RUNNING')")
                .param("by", requestedBy)
                .query(Integer.class)
                .single();
    }

    /** Records the archived file and marks the run succeeded, both or neither. */
    void succeed(ArchiveEntry entry, StoredRun stored, String owner, Instant now) {
        ReportRun run = stored.run();
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO report_archive (run_id, report, region, period_from, period_to, parameters, sql_text,
                                                watermark, sha256, file_path, size_bytes, created_at)
                    VALUES (:id, :report, :region, :from, :to, :parameters, :sql, :watermark, :sha, :path, :size, :created)
                    """)
                    .param("id", entry.runId())
                    .param("report", run.report().id())
                    .param("region", run.region())
                    .param("from", run.from())
                    .param("to", run.to())
                    .param("parameters", entry.parameters())
                    .param("sql", entry.sql())
                    .param("watermark", entry.watermark())
                    .param("sha", entry.sha256())
                    .param("path", entry.file().toString())
                    .param("size", entry.sizeBytes())
                    .param("created", utc(entry.createdAt()))
                    .update();
            int updated = jdbc.sql("""
                    UPDATE report_runs SET status = 'SUCCEEDED', finished_at = :now, error = NULL, lease_until = NULL
                    WHERE id = :id AND status = 'RUNNING' AND owner = :owner
                    """)
                    .param("id", entry.runId())
                    .param("now", utc(now))
                    .param("owner", owner)
                    .update();
            if (updated != 1) {
                // another worker finished it first, or took it over after our lease ran out: keep its outcome
                status.setRollbackOnly();
            }
        });
    }

    /** Marks a running run failed; a run another worker finished or took over keeps its status. */
    void fail(String id, String owner, String error, Instant now) {
        jdbc.sql("""
                UPDATE report_runs SET status = 'FAILED', finished_at = :now, error = :error, lease_until = NULL
                WHERE id = :id AND status = 'RUNNING' AND owner = :owner
                """)
                .param("id", id)
                .param("now", utc(now))
                .param("owner", owner)
                .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .update();
    }

    Optional<StoredRun> find(String id) {
        return jdbc.sql(SELECT + "WHERE r.id = :id")
                .param("id", id)
                .query(RunRepository::map)
                .optional();
    }

    /** Where the archived file of a run is stored; empty when retention deleted it. */
    Optional<Path> file(String id) {
        return jdbc.sql("SELECT file_path FROM report_archive WHERE run_id = :id AND file_deleted_at IS NULL")
                .param("id", id)
                .query(String.class)
                .optional()
                .map(Path::of);
    }

    /** The archive record of a run and the run as stored; empty when it has no file (yet). */
    Optional<Archived> archived(String id) {
        return jdbc.sql("""
                SELECT r.*, a.sha256, a.size_bytes, a.parameters, a.sql_text, a.watermark,
                       a.created_at AS archived_at, a.file_deleted_at
                FROM report_runs r JOIN report_archive a ON a.run_id = r.id WHERE r.id = :id
                """)
                .param("id", id)
                .query((rs, row) -> {
                    StoredRun stored = map(rs, row);
                    return new Archived(
                            stored,
                            new ArchivedReport(
                                    stored.run(),
                                    rs.getString("parameters"),
                                    rs.getString("sql_text"),
                                    rs.getString("watermark"),
                                    rs.getString("sha256"),
                                    rs.getLong("size_bytes"),
                                    instant(rs, "archived_at"),
                                    instant(rs, "file_deleted_at")));
                })
                .optional();
    }

    /** An archive record with the run as stored, whose scope decides who may see it. */
    record Archived(StoredRun stored, ArchivedReport report) {}

    /**
     * Runs newest first, computed under one of {@code scopes} (null: any scope), of {@code region} (null: any).
     * The scopes are written as {@link StoredRun#format} writes them, so the filter is exact in SQL.
     */
    List<StoredRun> list(Collection<String> scopes, String region, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (scopes != null) {
            sql.append(" AND r.scope IN (:scopes)");
            params.put("scopes", scopes);
        }
        if (region != null) {
            sql.append(" AND r.region = :region");
            params.put("region", region);
        }
        sql.append(" ORDER BY r.created_at DESC LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(RunRepository::map).list();
    }

    private static StoredRun map(ResultSet rs, int row) throws SQLException {
        ReportRun run = new ReportRun(
                rs.getString("id"),
                ReportKind.of(rs.getString("report")).orElseThrow(),
                rs.getString("region"),
                rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class),
                rs.getString("format"),
                rs.getString("requested_by"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getString("error"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("sha256"),
                (Long) rs.getObject("size_bytes", Long.class));
        return new StoredRun(
                run, Role.valueOf(rs.getString("caller_role")), StoredRun.parseScope(rs.getString("scope")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
