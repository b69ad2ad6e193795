package dev.pulse.dashboards.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Embed grants: how long one lives, what it grants, and that removing the application ends it. */
class EmbedGrantsTest {

    Instant now = Instant.parse("2026-11-23T08:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    final EmbedGrants grants = new EmbedGrants(clock);

    EmbedTokens.Claims claims(String appId, String region, Duration tokenLeft) {
        return new EmbedTokens.Claims(
                appId, "门户", "https://portal.example.com", "overview", region, now.plus(tokenLeft), "token-" + appId);
    }

    @Test
    void aGrantIsTheTokensDashboardRegionAndOriginAsALockedCaller() {
        EmbedGrants.Issued issued = grants.issue(claims("app-1", "华东", Duration.ofMinutes(10)));
        assertThat(issued.value()).startsWith("peg_").hasSize(4 + 43);
        EmbedGrants.Granted granted = grants.find(issued.value()).orElseThrow();
        assertThat(granted.scope()).isEqualTo(new EmbedScope("overview", "华东", "https://portal.example.com"));
        assertThat(granted.caller().role()).isEqualTo(Role.REGIONAL_MANAGER);
        assertThat(granted.caller().scope().regions()).isEqualTo(Set.of("华东"));
        assertThat(granted.caller().name()).isEqualTo("embed:门户");
        EmbedGrants.Granted all =
                grants.issue(claims("app-1", null, Duration.ofMinutes(10))).granted();
        assertThat(all.caller().role()).isEqualTo(Role.EXECUTIVE);
        assertThat(all.caller().scope().all()).isTrue();
    }

    @Test
    void everyGrantIsADifferentRandomValueAndUnknownValuesFindNothing() {
        String first =
                grants.issue(claims("app-1", "华东", Duration.ofMinutes(10))).value();
        String second =
                grants.issue(claims("app-1", "华东", Duration.ofMinutes(10))).value();
        assertThat(first).isNotEqualTo(second);
        assertThat(grants.find("peg_" + "A".repeat(43))).isEmpty();
        assertThat(grants.find(first.substring(0, first.length() - 1))).isEmpty();
        assertThat(grants.find(null)).isEmpty();
        assertThat(grants.find("x".repeat(10_000))).isEmpty();
    }

    @Test
    void anUnusedGrantEndsWithItsToken() {
        String value =
                grants.issue(claims("app-1", "华东", Duration.ofMinutes(5))).value();
        now = now.plus(Duration.ofMinutes(5));
        assertThat(grants.find(value)).isEmpty();
    }

    @Test
    void useKeepsAGrantAliveUntilItIsIdleFor15MinutesButNeverBeyond8Hours() {
        String value =
                grants.issue(claims("app-1", "华东", Duration.ofMinutes(1))).value();
        assertThat(grants.find(value)).isPresent();
        for (int i = 1; i < 40; i++) {
            now = now.plus(Duration.ofMinutes(12));
            assertThat(grants.find(value)).as("after %d minutes of use", 12 * i).isPresent();
        }
        now = now.plus(Duration.ofMinutes(12));
        assertThat(grants.find(value))
                .as("8 hours after the exchange, though used")
                .isEmpty();

        String idle = grants.issue(claims("app-1", "华东", Duration.ofMinutes(1))).value();
        assertThat(grants.find(idle)).isPresent();
        now = now.plus(Duration.ofMinutes(15));
        assertThat(grants.find(idle)).as("idle for 15 minutes").isEmpty();
    }

    @Test
    void revokingAnApplicationEndsItsGrantsAndNoOthers() {
        String mine =
                grants.issue(claims("app-1", "华东", Duration.ofMinutes(10))).value();
        String other =
                grants.issue(claims("app-2", "华东", Duration.ofMinutes(10))).value();
        grants.revoke("app-1");
        assertThat(grants.find(mine)).isEmpty();
        assertThat(grants.find(other)).isPresent();
    }
}
