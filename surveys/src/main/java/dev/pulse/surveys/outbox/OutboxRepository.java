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
                        .param("stream", p.stream())
                        .param("id", p.eventId())
                        .param("payload", p.payload())
                        .param("now", utc(now))
                        .param("next", utc(p.nextAttemptAt()))
                        .update()
                == 1;
    }

    /** Undelivered events whose next attempt is due, oldest first. */
    List<Pending> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT stream, event_id, payload, attempts, next_attempt_at FROM warehouse_outbox
                WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= :now
                ORDER BY next_attempt_at, created_at FETCH FIRST :limit ROWS ONLY""")
                .param("now", utc(now))
                .param("limit", limit)
                .query(OutboxRepository::row)
                .list();
    }

    /**
     * Takes an event for one attempt by moving its next attempt to {@code until}, unless another instance moved it first.
     *
     * @return the claimed event, or null when someone else has it
     */
    Pending claim(Pending p, Instant until) {
        int moved = jdbc.sql("""
                UPDATE warehouse_outbox SET next_attempt_at = :until
                WHERE stream = :stream AND event_id = :id AND delivered_at IS NULL AND dead_at IS NULL
                  AND next_attempt_at = :seen""")
                .param("until", utc(until))
                .param("stream", p.stream())
                .param("id", p.eventId())
                .param("seen", utc(p.nextAttemptAt()))
                .update();
        return moved == 1 ? new Pending(p.stream(), p.eventId(), p.payload(), p.attempts(), until) : null;
    }

    void delivered(Pending p, Instant now) {
        jdbc.sql("UPDATE warehouse_outbox SET delivered_at = :now, attempts = attempts + 1, last_error = NULL "
                        + "WHERE stream = :stream AND event_id = :id AND delivered_at IS NULL")
                .param("now", utc(now))
                .param("stream", p.stream())
                .param("id", p.eventId())
                .update();
    }

    void failed(Pending p, String error, Instant next) {
        jdbc.sql("UPDATE warehouse_outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next "
                        + "WHERE stream = :stream AND event_id = :id AND delivered_at IS NULL")
                .param("error", clip(error))
                .param("next", utc(next))
                .param("stream", p.stream())
                .param("id", p.eventId())
                .update();
    }

    /**
     * Records that the warehouse refused an event as invalid; past {@code maxRefusals} refusals it becomes a
     * dead letter at {@code now}.
     *
     * @return whether it is a dead letter now
     */
    boolean refused(Pending p, String error, Instant next, int maxRefusals, Instant now) {
        jdbc.sql("""
                UPDATE warehouse_outbox SET attempts = attempts + 1, refusals = refusals + 1, last_error = :error,
                       next_attempt_at = :next,
                       dead_at = CASE WHEN refusals + 1 >= :max THEN CAST(:now AS TIMESTAMP WITH TIME ZONE) END
                WHERE stream = :stream AND event_id = :id AND delivered_at IS NULL""")
                .param("error", clip(error))
                .param("next", utc(next))
                .param("max", maxRefusals)
                .param("now", utc(now))
                .param("stream", p.stream())
                .param("id", p.eventId())
                .update();
        return jdbc.sql("SELECT dead_at IS NOT NULL FROM warehouse_outbox WHERE stream = :stream AND event_id = :id")
                .param("stream", p.stream())
                .param("id", p.eventId())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** How many events wait for delivery; dead letters do not wait. */
    long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM warehouse_outbox WHERE delivered_at IS NULL AND dead_at IS NULL")
                .query(Long.class)
                .single();
    }

    /** How many events are dead letters. */
    long deadLetterCount() {
        return jdbc.sql("SELECT COUNT(*) FROM warehouse_outbox WHERE dead_at IS NOT NULL AND delivered_at IS NULL")
                .query(Long.class)
                .single();
    }

    /** The dead letters, newest first. */
    List<DeadLetter> deadLetters(int limit) {
        return jdbc.sql("""
                SELECT stream, event_id, last_error, attempts, dead_at FROM warehouse_outbox
                WHERE dead_at IS NOT NULL AND delivered_at IS NULL
                ORDER BY dead_at DESC, stream, event_id FETCH FIRST :limit ROWS ONLY""")
                .param("limit", limit)
                .query((rs, row) -> new DeadLetter(
                        rs.getString("stream"),
                        rs.getString("event_id"),
                        rs.getString("last_error"),
                        rs.getInt("attempts"),
                        rs.getObject("dead_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * Queues a dead letter again, due at {@code now}, with its refusals forgotten.
     *
     * @return false when there is no such dead letter
     */
    boolean requeue(String stream, String eventId, Instant now) {
        return jdbc.sql("""
                UPDATE warehouse_outbox SET dead_at = NULL, refusals = 0, next_attempt_at = :now
                WHERE stream = :stream AND event_id = :id AND dead_at IS NOT NULL AND delivered_at IS NULL""")
                        .param("now", utc(now))
                        .param("stream", stream)
                        .param("id", eventId)
                        .update()
                == 1;
    }

    private static String clip(String error) {
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }

    /** How many attempts an event has had; -1 when it is not recorded. */
    int attempts(String stream, String eventId) {
        return jdbc.sql("SELECT attempts FROM warehouse_outbox WHERE stream = :stream AND event_id = :id")
                .param("stream", stream)
                .param("id", eventId)
                .query(Integer.class)
                .optional()
                .orElse(-1);
    }

    void forgetDeliveredBefore(Instant cutoff) {
        jdbc.sql("DELETE FROM warehouse_outbox WHERE delivered_at < :cutoff")
                .param("cutoff", utc(cutoff))
                .update();
    }

    private static Pending row(ResultSet rs, int rowNum) throws SQLException {
        return new Pending(
                rs.getString("stream"),
                rs.getString("event_id"),
                rs.getString("payload"),
                rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One recorded event as the relay sees it. */
    record Pending(String stream, String eventId, String payload, int attempts, Instant nextAttemptAt) {}
}
