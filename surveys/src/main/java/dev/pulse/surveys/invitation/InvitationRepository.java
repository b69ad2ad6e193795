package dev.pulse.surveys.invitation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Invitations and the per-customer contact log in the operational database. */
class InvitationRepository {

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that the customer is contacted now, unless they were contacted after {@code cutoff}.
     * Must run in a transaction; on PostgreSQL a concurrent first contact surfaces as a duplicate key.
     *
     * @return false when the customer was contacted after the cutoff
     */
    boolean claimContact(String customerId, Instant now, Instant cutoff) {
        int moved = jdbc.sql(
                        "UPDATE customer_contact SET last_invited_at = :now WHERE customer_id = :c AND last_invited_at <= :cutoff")
                .param("now", utc(now))
                .param("c", customerId)
                .param("cutoff", utc(cutoff))
                .update();
        if (moved == 1) {
            return true;
        }
        boolean known = jdbc.sql("SELECT COUNT(*) FROM customer_contact WHERE customer_id = :c")
                        .param("c", customerId)
                        .query(Long.class)
                        .single()
                > 0;
        if (known) {
            return false;
        }
        jdbc.sql("INSERT INTO customer_contact (customer_id, last_invited_at) VALUES (:c, :now)")
                .param("c", customerId)
                .param("now", utc(now))
                .update();
        return true;
    }

    void insert(Invitation i, String tokenHash, String by) {
        jdbc.sql("""
                INSERT INTO survey_invitation (id, token_hash, survey_id, customer_id, region, email, language, channel,
                    transaction_id, created_at, created_by)
                VALUES (:id, :hash, :survey, :customer, :region, :email, :language, :channel, :tx, :now, :by)""")
                .param("id", i.id())
                .param("hash", tokenHash)
                .param("survey", i.surveyId())
                .param("customer", i.customerId())
                .param("region", i.region())
                .param("email", i.email())
                .param("language", i.language())
                .param("channel", i.channel())
                .param("tx", i.transactionId())
                .param("now", utc(i.createdAt()))
                .param("by", by)
                .update();
    }

    void markSent(String id, Instant now) {
        jdbc.sql("UPDATE survey_invitation SET sent_at = :now WHERE id = :id")
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    /** Uses the token: true for the first caller only. */
    boolean markResponded(String id, Instant now) {
        return jdbc.sql("UPDATE survey_invitation SET responded_at = :now WHERE id = :id AND responded_at IS NULL")
                        .param("now", utc(now))
                        .param("id", id)
                        .update()
                == 1;
    }

    Optional<Invitation> findByTokenHash(String hash) {
        return jdbc.sql("SELECT * FROM survey_invitation WHERE token_hash = :hash OR reminder_token_hash = :hash")
                .param("hash", hash)
                .query(this::invitation)
                .optional();
    }

    Optional<Invitation> find(String id) {
        return jdbc.sql("SELECT * FROM survey_invitation WHERE id = :id")
                .param("id", id)
                .query(this::invitation)
                .optional();
    }

    /** Unanswered, unreminded invitations sent before {@code cutoff}, oldest first. */
    java.util.List<Invitation> dueForReminder(Instant cutoff, int limit) {
        return jdbc.sql("""
                SELECT * FROM survey_invitation WHERE sent_at <= :cutoff AND responded_at IS NULL AND reminded_at IS NULL
                ORDER BY sent_at, id FETCH FIRST :limit ROWS ONLY""")
                .param("cutoff", utc(cutoff))
                .param("limit", limit)
                .query(this::invitation)
                .list();
    }

    /** Claims the one reminder of an invitation: true for the first caller only, never once answered. */
    boolean claimReminder(String id, String tokenHash, Instant now) {
        return jdbc.sql("""
                UPDATE survey_invitation SET reminded_at = :now, reminder_token_hash = :hash
                WHERE id = :id AND reminded_at IS NULL AND responded_at IS NULL""")
                        .param("now", utc(now))
                        .param("hash", tokenHash)
                        .param("id", id)
                        .update()
                == 1;
    }

    Optional<Instant> remindedAt(String id) {
        return jdbc.sql("SELECT reminded_at FROM survey_invitation WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> instant(rs, "reminded_at"))
                .optional();
    }

    long countForCustomer(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM survey_invitation WHERE customer_id = :c")
                .param("c", customerId)
                .query(Long.class)
                .single();
    }

    private Invitation invitation(ResultSet rs, int row) throws SQLException {
        return new Invitation(
                rs.getString("id"),
                rs.getString("survey_id"),
                rs.getString("customer_id"),
                rs.getString("region"),
                rs.getString("email"),
                rs.getString("language"),
                rs.getString("channel"),
                rs.getString("transaction_id"),
                instant(rs, "created_at"),
                instant(rs, "sent_at"),
                instant(rs, "responded_at"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
