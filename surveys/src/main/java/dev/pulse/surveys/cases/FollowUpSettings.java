package dev.pulse.surveys.cases;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How unhappy respondents are followed up; bound from {@code pulse.surveys.*} next to the module's other settings.
 *
 * @param followUpSla time from a case's opening to its due time
 * @param regionOwners default owners per region ({@code pulse.surveys.region-owners.华东=a@x.cn,b@x.cn}); the first owns new cases
 * @param qualityTeam who is mailed when a case becomes overdue
 * @param escalationCheck how often overdue cases are looked for
 */
@ConfigurationProperties("pulse.surveys")
public record FollowUpSettings(
        @DefaultValue("48h") Duration followUpSla,
        Map<String, List<String>> regionOwners,
        List<String> qualityTeam,
        @DefaultValue("5m") Duration escalationCheck) {

    public FollowUpSettings {
        if (followUpSla.isNegative() || followUpSla.isZero()) {
            throw new IllegalArgumentException("pulse.surveys.follow-up-sla must be positive");
        }
        if (escalationCheck.isNegative() || escalationCheck.isZero()) {
            throw new IllegalArgumentException("pulse.surveys.escalation-check must be positive");
        }
        regionOwners = regionOwners == null ? Map.of() : Map.copyOf(regionOwners);
        qualityTeam = qualityTeam == null ? List.of() : List.copyOf(qualityTeam);
    }
}
