package dev.pulse.surveys.rules;

import java.time.Instant;

/**
 * A rule that invites customers to a survey when the warehouse shows an event of theirs.
 *
 * @param trigger what event invites
 * @param channel for {@link Trigger#TRANSACTION}: the transaction's channel; null otherwise
 * @param delayHours how long after the event the invitation goes out
 * @param active false once deactivated; kept for the record
 */
public record InvitationRule(
        String id,
        String surveyId,
        Trigger trigger,
        String channel,
        int delayHours,
        boolean active,
        Instant createdAt,
        String createdBy) {

    /** The kinds of warehouse event a rule reacts to. */
    public enum Trigger {
        /** A transaction in the rule's channel, {@code delayHours} after its time. */
        TRANSACTION,
        /** A feedback item, {@code delayHours} after it was resolved. */
        FEEDBACK_RESOLVED
    }
}
