package dev.pulse.surveys.cases;

import java.time.Instant;

/**
 * The follow-up of one unhappy response. It is overdue while still {@link CaseStatus#OPEN} (nobody contacted
 * the customer) after {@code dueAt}.
 *
 * @param customerId null when the response was anonymous
 * @param owner who must follow up (an email address), null when the region has no owner
 */
public record FollowUpCase(
        String id,
        String responseEventId,
        String surveyId,
        String customerId,
        String region,
        Integer npsScore,
        Integer csatScore,
        String comment,
        CaseStatus status,
        String owner,
        Instant openedAt,
        Instant dueAt,
        Instant contactedAt,
        Instant resolvedAt,
        String outcome,
        Instant escalatedAt,
        boolean overdue) {}
