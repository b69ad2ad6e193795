package dev.pulse.dashboards.audit;

import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log in the operational database. Appends through the caller's JDBC transaction when
 * there is one (so a rolled-back change leaves no entry), else at once. A failed append is logged
 * as an error naming the action, actor and outcome but not the details, and the action goes on:
 * the audited work has happened, and refusing its answer would not undo it. The only DELETE is the
 * retention purge; there is no UPDATE.
 */
class AuditStore implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() {};
    /** Longest detail value kept (analyst SQL is cut here); the column holds several of them. */
    static final int DETAIL_LENGTH = 3000;

    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEvent e) {
        try {
            Map<String, String> details = new LinkedHashMap<>();
            e.details().forEach((k, v) -> details.put(cut(k, 60), cut(v, DETAIL_LENGTH)));
            jdbc.sql("""
                    INSERT INTO pulse_audit (occurred_at, actor, actor_role, regions, address, action, target, details, outcome, reason)
                    VALUES (:at, :actor, :role, :regions, :address, :action, :target, :details, :outcome, :reason)""")
                    .param("at", OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC))
                    .param("actor", cut(e.actor(), 200))
                    .param("role", e.role() == null ? null : e.role().name())
                    .param("regions", cut(String.join("|", e.regions()), 400))
                    .param("address", cut(e.address(), 64))
                    .param("action", e.action().name())
                    .param("target", cut(e.target(), 400))
                    .param("details", JSON.writeValueAsString(details))
                    .param("outcome", e.outcome().name())
                    .param("reason", cut(e.reason(), 400))
                    .update();
        } catch (DataAccessException | JacksonException failure) {
            log.error(
                    "Audit entry NOT written: action={} actor={} outcome={}: {}",
                    e.action(),
                    e.actor(),
                    e.outcome(),
                    failure.getClass().getSimpleName());
        }
    }

    /** One page of entries matching the query, newest first. */
    AuditEntry.Page search(AuditQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (q.who() != null) {
            where.append(" AND LOWER(actor) LIKE :who ESCAPE '\\'");
            params.put("who", "%" + like(q.who().toLowerCase(Locale.ROOT)) + "%");
        }
        if (q.what() != null) {
            where.append(" AND action LIKE :what ESCAPE '\\'");
            params.put("what", like(q.what()) + "%");
        }
        if (q.from() != null) {
            where.append(" AND occurred_at >= :from");
            params.put("from", OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            where.append(" AND occurred_at < :to");
            params.put("to", OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM pulse_audit" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<AuditEntry> entries = jdbc.sql("""
                SELECT id, occurred_at, actor, actor_role, regions, address, action, target, details, outcome, reason
                FROM pulse_audit""" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", q.size())
                .param("offset", (long) q.page() * q.size())
                .query((rs, i) -> entry(rs))
                .list();
        return new AuditEntry.Page(entries, q.page(), q.size(), total);
    }

    /** Removes the entries older than {@code before}; answers how many. The only deletion of the log. */
    int purge(Instant before) {
        int removed = jdbc.sql("DELETE FROM pulse_audit WHERE occurred_at < :before")
                .param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .update();
        log.info("Audit retention: removed {} entries older than {}", removed, before);
        return removed;
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        String regions = rs.getString("regions");
        Map<String, String> details;
        try {
            details = JSON.readValue(rs.getString("details"), DETAILS);
        } catch (JacksonException e) {
            details = Map.of();
        }
        return new AuditEntry(
                rs.getLong("id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                rs.getString("actor_role"),
                regions.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(regions.split("\\|"))),
                rs.getString("address"),
                rs.getString("action"),
                rs.getString("target"),
                details,
                rs.getString("outcome"),
                rs.getString("reason"));
    }

    /** Escapes LIKE's wildcards so that a filter matches its text literally. */
    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
