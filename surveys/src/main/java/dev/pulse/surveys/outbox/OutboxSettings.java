package dev.pulse.surveys.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How undelivered warehouse events are retried; bound from {@code pulse.surveys.outbox.*}.
 *
 * @param interval how often pending events are looked for
 * @param firstRetry the pause after the first failed delivery; it doubles with every further failure
 * @param maxRetry the longest pause between two attempts
 * @param keepDelivered how long a delivered event stays in the table (for inspection) before it is deleted
 * @param maxAttempts how many times the warehouse may refuse an event as invalid before it becomes a dead
 *     letter, retried no more until an ADMIN queues it again; engine and connection failures do not count
 */
@ConfigurationProperties("pulse.surveys.outbox")
public record OutboxSettings(
        @DefaultValue("10s") Duration interval,
        @DefaultValue("10s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry,
        @DefaultValue("7d") Duration keepDelivered,
        @DefaultValue("10") int maxAttempts) {

    public OutboxSettings {
        for (Duration d : new Duration[] {interval, firstRetry, maxRetry, keepDelivered}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(
                        "pulse.surveys.outbox.interval, first-retry, max-retry and keep-delivered must be positive");
            }
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("pulse.surveys.outbox.max-attempts must be at least 1");
        }
        if (maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("pulse.surveys.outbox.max-retry must not be shorter than first-retry");
        }
    }

    /** The pause after {@code failures} failed attempts (1 or more): first-retry doubled each time, at most max-retry. */
    Duration pauseAfter(int failures) {
        Duration pause = firstRetry;
        for (int i = 1; i < failures && pause.compareTo(maxRetry) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxRetry) > 0 ? maxRetry : pause;
    }
}
