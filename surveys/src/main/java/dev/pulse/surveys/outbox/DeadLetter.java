package dev.pulse.surveys.outbox;

import java.time.Instant;

/**
 * An event the warehouse refused as invalid too often, kept for an ADMIN to look at and queue again.
 *
 * @param stream the warehouse stream, e.g. {@code case-events}
 * @param eventId the event's id
 * @param lastError why the warehouse refused it the last time
 * @param attempts delivery attempts, failed ones of every kind included
 * @param deadAt when it stopped being retried
 */
public record DeadLetter(String stream, String eventId, String lastError, int attempts, Instant deadAt) {}
