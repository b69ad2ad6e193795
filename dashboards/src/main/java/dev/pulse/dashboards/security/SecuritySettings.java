package dev.pulse.dashboards.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API until user accounts exist; bound from {@code pulse.security.*}.
 *
 * @param apiKeys comma list of {@code key:ROLE[:region|region]} ({@code PULSE_API_KEYS}); a secret,
 *     never printed
 */
@ConfigurationProperties("pulse.security")
record SecuritySettings(@DefaultValue("") String apiKeys) {

    @Override
    public String toString() {
        return "SecuritySettings[apiKeys=(hidden)]";
    }
}
