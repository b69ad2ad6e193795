package dev.pulse.dashboards;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web application's accounts and pages; bound from {@code pulse.dashboards.*}.
 *
 * @param adminPassword the first ADMIN's password ({@code PULSE_ADMIN_PASSWORD}); when empty a
 *     password is generated and printed once, at the first start; a secret, never logged
 * @param demoUsers create one demo user per role (on when demo data is loaded)
 * @param demoPassword the password of every demo user (documented, so never for production data)
 * @param loginFailures failed sign-ins per username and address before the pair is locked
 * @param loginWindow how long failures are counted and a lock lasts
 * @param loginUserFailures failed sign-ins of one username from any address, within the window, before the
 *     username is slowed down for {@code loginUserLock} (addresses that signed in as it before are exempt)
 * @param loginUserLock how long that lock of a username lasts; short, so that strangers cannot lock a person out
 * @param loginAddressFailures failed sign-ins from one address for any usernames, within the window, before the
 *     address is locked until the window ends
 * @param passwordMinLength the fewest characters a new password may have
 */
@ConfigurationProperties("pulse.dashboards")
public record DashboardsSettings(
        @DefaultValue("") String adminPassword,
        @DefaultValue("false") boolean demoUsers,
        @DefaultValue("pulse-demo-2026") String demoPassword,
        @DefaultValue("5") int loginFailures,
        @DefaultValue("5m") Duration loginWindow,
        @DefaultValue("20") int loginUserFailures,
        @DefaultValue("1m") Duration loginUserLock,
        @DefaultValue("30") int loginAddressFailures,
        @DefaultValue("12") int passwordMinLength) {

    @Override
    public String toString() {
        return "DashboardsSettings[adminPassword=(hidden), demoUsers=" + demoUsers + ", loginFailures=" + loginFailures
                + ", loginWindow=" + loginWindow + ", loginUserFailures=" + loginUserFailures + ", loginUserLock="
                + loginUserLock
                + ", loginAddressFailures=" + loginAddressFailures + ", passwordMinLength=" + passwordMinLength + "]";
    }
}
