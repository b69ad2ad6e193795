package dev.pulse.surveys.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code warehouse_outbox} table. */
class OutboxRepository {

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an event unless one with the same stream and id is recorded already (no error, so a surrounding
     * PostgreSQL transaction stays usable).
     *
     * @return false when the event was recorded before
     */
    boolean insert(Pending p, Instant now) {
        return jdbc.sql("""
                INSERT INTO warehouse_outbox (stream, event_id, payload, created_at, next_attempt_at, attempts)
                SELECT :stream, :id, :payload, :now, :next, 0 FROM (VALUES (1)) AS one (x)
                WHERE NOT EXISTS (SELECT 1 FROM warehouse_outbox WHERE stream = :stream AND event_id = :id)""")
                .param("stream", p.stream()).param("id", p.eventId()).param("payload", p.payload())
                .param("now", utc(now)).param("next", utc(p.nextAttemptAt()))
                .update() == 1;
    }

    /** Undelivered events whose next attempt is due, oldest first. */
    List<Pending> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT stream, event_id, payload, attempts, next_attempt_at FROM warehouse_outbox
                WHERE delivered_at IS NULL AND next_attempt_at <= :now
                ORDER BY next_attempt_at, created_at FETCH FIRST :limit ROWS ONLY""")
                .param("now", utc(now)).param("limit", limit)
                .query(OutboxRepository::row).list();
    }

    /**
     * Takes an event for one attempt by moving its next attempt to {@code until}, unless another instance moved it first.
     *
     * @return the claimed event, or null when someone else has it
     */
    Pending claim(Pending p, Instant until) {
        int moved = jdbc.sql("""
                UPDATE warehouse_outbox SET next_attempt_at = :until
                WHERE stream = :stream AND event_id = :id AND delivered_at IS NULL AND next_attempt_at = :seen""")
                .param("until", utc(until)).param("stream", p.stream()).param("id", p.eventId())
                .param("seen", utc(p.nextAttemptAt()))
                .update();
        return moved == 1 ? new Pending(p.stream(), p.eventId(), p.payload(), p.attempts(), until) : null;
    }

    void delivered(Pending p, Instant now) {
        jdbc.sql("UPDATE warehouse_outbox SET delivered_at = :now, attempts = attempts + 1, last_error = NULL "
                        + "WHERE stream = :stream AND event_id = :id AND delivered_at IS NULL")
                .param("now", utc(now)).param("stream", p.stream()).param("id", p.eventId())
                .update();
    }

    void failed(Pending p, String error, Instant next) {
        jdbc.sql("UPDATE warehouse_outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next "
                        + "WHERE stream = :stream AND event_id = :id AND delivered_at IS NULL")
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error).param("next", utc(next))
                .param("stream", p.stream()).param("id", p.eventId())
                .update();
    }

    /** How many events wait for delivery. */
    long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM warehouse_outbox WHERE delivered_at IS NULL").query(Long.class).single();
    }

    /** How many attempts an event has had; -1 when it is not recorded. */
    int attempts(String stream, String eventId) {
        return jdbc.sql("SELECT attempts FROM warehouse_outbox WHERE stream = :stream AND event_id = :id")
                .param("stream", stream).param("id", eventId).query(Integer.class).optional().orElse(-1);
    }

    void forgetDeliveredBefore(Instant cutoff) {
        jdbc.sql("DELETE FROM warehouse_outbox WHERE delivered_at < :cutoff").param("cutoff", utc(cutoff)).update();
    }

    private static Pending row(ResultSet rs, int rowNum) throws SQLException {
        return new Pending(rs.getString("stream"), rs.getString("event_id"), rs.getString("payload"), rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One recorded event as the relay sees it. */
    record Pending(String stream, String eventId, String payload, int attempts, Instant nextAttemptAt) {}
}
