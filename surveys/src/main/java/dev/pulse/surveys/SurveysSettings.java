package dev.pulse.surveys;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How surveys are sent and answered; bound from {@code pulse.surveys.*}.
 *
 * @param fatigueDays a customer gets at most one invitation (of any survey) in this many days
 * @param publicUrl where respondents reach Pulse; invitation links start with it
 * @param mailFrom the sender of invitation mails ({@code PULSE_SMTP_FROM})
 * @param submissionsPerMinute how many submissions one client address may make per minute
 * @param maxInvitationsPerRequest how many customers one invitation request may list
 * @param maxFormBytes the largest body of one public survey submission; 413 above, before it is read
 * @param publicBodyBudget the bytes of public submission bodies held at once, across all requests;
 *     a body that does not fit in what is left is refused with 429 before it is read
 */
@ConfigurationProperties("pulse.surveys")
public record SurveysSettings(
        @DefaultValue("30") int fatigueDays,
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("pulse@localhost") String mailFrom,
        @DefaultValue("10") int submissionsPerMinute,
        @DefaultValue("1000") int maxInvitationsPerRequest,
        @DefaultValue("4MB") DataSize maxFormBytes,
        @DefaultValue("16MB") DataSize publicBodyBudget) {

    public SurveysSettings {
        if (fatigueDays < 0) {
            throw new IllegalArgumentException("pulse.surveys.fatigue-days must not be negative");
        }
        if (submissionsPerMinute < 1 || maxInvitationsPerRequest < 1) {
            throw new IllegalArgumentException(
                    "pulse.surveys.submissions-per-minute and max-invitations-per-request must be at least 1");
        }
        if (maxFormBytes == null || maxFormBytes.toBytes() < 1 || maxFormBytes.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("pulse.surveys.max-form-bytes must be between 1B and 2GB");
        }
        if (publicBodyBudget == null || publicBodyBudget.compareTo(maxFormBytes) < 0) {
            throw new IllegalArgumentException(
                    "pulse.surveys.public-body-budget must be at least pulse.surveys.max-form-bytes");
        }
        if (publicUrl == null || !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme()))) {
            throw new IllegalArgumentException("pulse.surveys.public-url must be an http or https URL");
        }
    }

    /** The fatigue window as a duration. */
    public Duration fatigue() {
        return Duration.ofDays(fatigueDays);
    }
}
