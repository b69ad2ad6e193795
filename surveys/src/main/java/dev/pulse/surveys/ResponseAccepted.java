package dev.pulse.surveys;

import java.time.Instant;

/**
 * Published (synchronously, inside the submission's transaction) for every accepted survey response,
 * after the warehouse stored it; listeners that throw roll the submission back.
 *
 * @param eventId the {@code survey-responses} event id
 * @param surveyId the survey answered
 * @param customerId null for an anonymous response
 * @param region the response's region
 * @param npsScore the NPS answer, or null
 * @param csatScore the CSAT answer, or null
 * @param comment the first free-text answer, or null
 * @param at when it was submitted
 */
public record ResponseAccepted(
        String eventId,
        String surveyId,
        String customerId,
        String region,
        Integer npsScore,
        Integer csatScore,
        String comment,
        Instant at) {}
