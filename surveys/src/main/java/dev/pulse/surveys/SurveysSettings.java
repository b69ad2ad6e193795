package dev.pulse.surveys;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How surveys are sent and answered; bound from {@code pulse.surveys.*}.
 *
 * @param fatigueDays a customer gets at most one invitation (of any survey) in this many days
 * @param publicUrl where respondents reach Pulse; invitation links start with it
 * @param mailFrom the sender of invitation mails ({@code PULSE_SMTP_FROM})
 * @param submissionsPerMinute how many submissions one client address may make per minute
 * @param maxInvitationsPerRequest how many customers one invitation request may list
 */
@ConfigurationProperties("pulse.surveys")
public record SurveysSettings(
        @DefaultValue("30") int fatigueDays,
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("pulse@localhost") String mailFrom,
        @DefaultValue("10") int submissionsPerMinute,
        @DefaultValue("1000") int maxInvitationsPerRequest) {

    /** The fatigue window as a duration. */
    public Duration fatigue() {
        return Duration.ofDays(fatigueDays);
    }
}
