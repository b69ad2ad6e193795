package dev.pulse.surveys.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Cases, their history and the region owners in the operational database. */
class CaseRepository {

    private static final String COLUMNS = """
            id, response_event_id, survey_id, customer_id, region, nps_score, csat_score, comment, status, owner,
            opened_at, due_at, contacted_at, resolved_at, outcome, escalated_at""";

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when a case for this response exists already */
    boolean insert(FollowUpCase c) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM follow_up_case WHERE response_event_id = :e")
                        .param("e", c.responseEventId())
                        .query(Long.class)
                        .single()
                > 0;
        if (exists) {
            return false;
        }
        jdbc.sql("INSERT INTO follow_up_case (" + COLUMNS
                        + ", version) VALUES (:id, :event, :survey, :customer, :region, :nps, :csat,"
                        + " :comment, :status, :owner, :opened, :due, NULL, NULL, NULL, NULL, 0)")
                .param("id", c.id())
                .param("event", c.responseEventId())
                .param("survey", c.surveyId())
                .param("customer", c.customerId())
                .param("region", c.region())
                .param("nps", c.npsScore())
                .param("csat", c.csatScore())
                .param("comment", c.comment())
                .param("status", c.status().name())
                .param("owner", c.owner())
                .param("opened", utc(c.openedAt()))
                .param("due", utc(c.dueAt()))
                .update();
        return true;
    }

    Optional<FollowUpCase> find(String id, Instant now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM follow_up_case WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> row(rs, now))
                .optional();
    }

    /**
     * Cases in the given regions (all when {@code regions} is null), overdue first, then by due time and id (a total
     * order, so pages by offset neither skip nor repeat a case).
     */
    List<FollowUpCase> list(
            Set<String> regions,
            CaseStatus status,
            String region,
            Boolean overdue,
            Instant now,
            int limit,
            int offset) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        var params = new java.util.LinkedHashMap<String, Object>();
        if (regions != null) {
            where.append(" AND region IN (:regions)");
            params.put("regions", List.copyOf(regions));
        }
        if (status != null) {
            where.append(" AND status = :status");
            params.put("status", status.name());
        }
        if (region != null) {
            where.append(" AND region = :region");
            params.put("region", region);
        }
        if (overdue != null) {
            where.append(
                    overdue
                            ? " AND status = 'OPEN' AND due_at < :now"
                            : " AND NOT (status = 'OPEN' AND due_at < :now)");
        }
        params.put("now", utc(now));
        String sql = "SELECT " + COLUMNS + " FROM follow_up_case" + where
                + " ORDER BY CASE WHEN status = 'OPEN' AND due_at < :now THEN 0 ELSE 1 END, due_at, id LIMIT " + limit
                + " OFFSET " + offset;
        return jdbc.sql(sql).params(params).query((rs, n) -> row(rs, now)).list();
    }

    /** Open cases past their due time that were never escalated. */
    List<FollowUpCase> overdueNotEscalated(Instant now) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM follow_up_case WHERE status = 'OPEN' AND due_at < :now AND escalated_at IS NULL"
                        + " ORDER BY due_at, id")
                .param("now", utc(now))
                .query((rs, n) -> row(rs, now))
                .list();
    }

    /** @return true for the one caller that marks the case escalated */
    boolean markEscalated(String id, Instant now) {
        return jdbc.sql(
                                "UPDATE follow_up_case SET escalated_at = :now, version = version + 1 WHERE id = :id AND escalated_at IS NULL")
                        .param("now", utc(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    void setOwner(String id, String owner) {
        jdbc.sql("UPDATE follow_up_case SET owner = :owner, version = version + 1 WHERE id = :id")
                .param("owner", owner)
                .param("id", id)
                .update();
    }

    /** @return false when the case was no longer OPEN */
    boolean markContacted(String id, Instant now) {
        return jdbc.sql("UPDATE follow_up_case SET status = 'CONTACTED', contacted_at = :now, version = version + 1"
                                + " WHERE id = :id AND status = 'OPEN'")
                        .param("now", utc(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** @return false when the case was resolved already */
    boolean markResolved(String id, String outcome, Instant now) {
        return jdbc.sql(
                                "UPDATE follow_up_case SET status = 'RESOLVED', resolved_at = :now, outcome = :outcome, version = version + 1"
                                        + " WHERE id = :id AND status <> 'RESOLVED'")
                        .param("now", utc(now))
                        .param("outcome", outcome)
                        .param("id", id)
                        .update()
                == 1;
    }

    void record(String caseId, Instant at, String actor, String action, String detail) {
        // the case row is locked by the change that precedes every record, so the next number is not raced
        jdbc.sql("UPDATE follow_up_case SET version = version WHERE id = :id")
                .param("id", caseId)
                .update();
        int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM follow_up_case_history WHERE case_id = :id")
                .param("id", caseId)
                .query(Integer.class)
                .single();
        jdbc.sql(
                        "INSERT INTO follow_up_case_history (case_id, seq, at, actor, action, detail) VALUES (:id, :seq, :at, :actor, :action, :detail)")
                .param("id", caseId)
                .param("seq", seq)
                .param("at", utc(at))
                .param("actor", actor)
                .param("action", action)
                .param("detail", detail)
                .update();
    }

    List<CaseChange> history(String caseId) {
        return jdbc.sql("SELECT at, actor, action, detail FROM follow_up_case_history WHERE case_id = :id ORDER BY seq")
                .param("id", caseId)
                .query((rs, n) -> new CaseChange(
                        instant(rs, "at"), rs.getString("actor"), rs.getString("action"), rs.getString("detail")))
                .list();
    }

    /** Owners stored for the region, in order; empty when none are stored. */
    List<String> owners(String region) {
        return jdbc.sql("SELECT email FROM region_owner WHERE region = :r ORDER BY position")
                .param("r", region)
                .query(String.class)
                .list();
    }

    void replaceOwners(String region, List<String> emails) {
        jdbc.sql("DELETE FROM region_owner WHERE region = :r")
                .param("r", region)
                .update();
        for (int i = 0; i < emails.size(); i++) {
            jdbc.sql("INSERT INTO region_owner (region, position, email) VALUES (:r, :p, :e)")
                    .param("r", region)
                    .param("p", i)
                    .param("e", emails.get(i))
                    .update();
        }
    }

    private static FollowUpCase row(ResultSet rs, Instant now) throws SQLException {
        CaseStatus status = CaseStatus.valueOf(rs.getString("status"));
        Instant due = instant(rs, "due_at");
        return new FollowUpCase(
                rs.getString("id"),
                rs.getString("response_event_id"),
                rs.getString("survey_id"),
                rs.getString("customer_id"),
                rs.getString("region"),
                integer(rs, "nps_score"),
                integer(rs, "csat_score"),
                rs.getString("comment"),
                status,
                rs.getString("owner"),
                instant(rs, "opened_at"),
                due,
                instant(rs, "contacted_at"),
                instant(rs, "resolved_at"),
                rs.getString("outcome"),
                instant(rs, "escalated_at"),
                status == CaseStatus.OPEN && due.isBefore(now));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
