package dev.pulse.surveys.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rules, their cursors and their claims in the operational database. */
class RuleRepository {

    private final JdbcClient jdbc;

    RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(InvitationRule r, Instant cursor) {
        jdbc.sql("""
                INSERT INTO invitation_rule (id, survey_id, trigger_kind, channel, delay_hours, active, cursor_at, created_at, created_by)
                VALUES (:id, :survey, :trigger, :channel, :delay, TRUE, :cursor, :now, :by)""")
                .param("id", r.id())
                .param("survey", r.surveyId())
                .param("trigger", r.trigger().name())
                .param("channel", r.channel())
                .param("delay", r.delayHours())
                .param("cursor", utc(cursor))
                .param("now", utc(r.createdAt()))
                .param("by", r.createdBy())
                .update();
    }

    List<InvitationRule> all() {
        return jdbc.sql("SELECT * FROM invitation_rule ORDER BY created_at, id")
                .query(this::rule)
                .list();
    }

    List<InvitationRule> active() {
        return jdbc.sql("SELECT * FROM invitation_rule WHERE active ORDER BY created_at, id")
                .query(this::rule)
                .list();
    }

    Optional<InvitationRule> find(String id) {
        return jdbc.sql("SELECT * FROM invitation_rule WHERE id = :id")
                .param("id", id)
                .query(this::rule)
                .optional();
    }

    boolean deactivate(String id) {
        return jdbc.sql("UPDATE invitation_rule SET active = FALSE WHERE id = :id")
                        .param("id", id)
                        .update()
                == 1;
    }

    Instant cursor(String id) {
        return jdbc.sql("SELECT cursor_at FROM invitation_rule WHERE id = :id")
                .param("id", id)
                .query((rs, n) ->
                        rs.getObject("cursor_at", OffsetDateTime.class).toInstant())
                .single();
    }

    /** Moves the cursor forward only: two instances may finish runs in either order. */
    void advance(String id, Instant to) {
        jdbc.sql("UPDATE invitation_rule SET cursor_at = :to WHERE id = :id AND cursor_at < :to")
                .param("to", utc(to))
                .param("id", id)
                .update();
    }

    /** Claims one event for one rule: the primary key refuses a second claim from any instance. */
    void claim(String ruleId, String eventId, Instant now) {
        jdbc.sql("INSERT INTO invitation_rule_claim (rule_id, event_id, claimed_at) VALUES (:rule, :event, :now)")
                .param("rule", ruleId)
                .param("event", eventId)
                .param("now", utc(now))
                .update();
    }

    long claims(String ruleId) {
        return jdbc.sql("SELECT COUNT(*) FROM invitation_rule_claim WHERE rule_id = :rule")
                .param("rule", ruleId)
                .query(Long.class)
                .single();
    }

    private InvitationRule rule(ResultSet rs, int row) throws SQLException {
        return new InvitationRule(
                rs.getString("id"),
                rs.getString("survey_id"),
                InvitationRule.Trigger.valueOf(rs.getString("trigger_kind")),
                rs.getString("channel"),
                rs.getInt("delay_hours"),
                rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("created_by"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
