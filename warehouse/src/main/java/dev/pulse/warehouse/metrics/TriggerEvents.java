package dev.pulse.warehouse.metrics;

import java.time.Instant;
import java.util.List;

/**
 * The warehouse events that can trigger a survey invitation, read through the query layer like every
 * other read: a plan built with Calcite and compiled, so no other module writes warehouse SQL.
 */
public interface TriggerEvents {

    /** Which events. */
    enum Kind {
        /** A transaction in one channel, at its time. */
        TRANSACTION,
        /** A feedback of a known customer, at the time it was resolved. */
        FEEDBACK_RESOLVED
    }

    /**
     * The events of {@code kind} at a time in [from, to], oldest first (ties by event id), each with
     * its customer's current address.
     *
     * @param channel the transactions' channel; ignored for feedback
     * @param limit at most this many events, at least 1
     */
    List<Event> between(Kind kind, String channel, Instant from, Instant to, int limit);

    /**
     * One event that may trigger an invitation.
     *
     * @param transactionId the transaction, or null for a feedback
     * @param email the customer's address, empty when the customer or address is unknown
     */
    record Event(
            String id,
            String customerId,
            String region,
            String channel,
            String transactionId,
            Instant at,
            String email) {}
}
