package dev.pulse.surveys.invitation;

import java.time.Instant;

/**
 * A personal invitation to one survey; its token is not kept, only the token's hash.
 *
 * @param respondedAt when the token was used; null while it is unused
 */
public record Invitation(
        String id,
        String surveyId,
        String customerId,
        String region,
        String email,
        String language,
        String channel,
        String transactionId,
        Instant createdAt,
        Instant sentAt,
        Instant respondedAt) {}
