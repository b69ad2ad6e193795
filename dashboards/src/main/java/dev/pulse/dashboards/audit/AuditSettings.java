package dev.pulse.dashboards.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit log, bound from {@code pulse.audit.*}: its own prefix, since every module writes to it.
 *
 * @param retention how long an entry is kept; the daily purge removes older ones
 */
@ConfigurationProperties("pulse.audit")
record AuditSettings(@DefaultValue("400d") Duration retention) {

    AuditSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("pulse.audit.retention must be positive, not " + retention);
        }
    }
}
