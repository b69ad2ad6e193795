package dev.pulse.surveys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job that invites by rule and sends reminders; bound from {@code pulse.surveys.rules.*}.
 *
 * @param enabled whether this instance runs the job (any number of instances may)
 * @param interval the pause between two runs
 * @param reminderDays an unanswered invitation gets its one reminder this many days after it was sent; 0: never
 * @param batchSize at most this many events per rule, and reminders, in one run
 */
@ConfigurationProperties("pulse.surveys.rules")
public record InvitationRulesSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5m") Duration interval,
        @DefaultValue("3") int reminderDays,
        @DefaultValue("500") int batchSize) {

    public InvitationRulesSettings {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("pulse.surveys.rules.interval must be positive");
        }
        if (reminderDays < 0 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "pulse.surveys.rules.reminder-days must not be negative and batch-size must be at least 1");
        }
    }
}
