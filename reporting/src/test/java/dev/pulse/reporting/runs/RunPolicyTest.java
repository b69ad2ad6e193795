package dev.pulse.reporting.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The run queue's bounds and the lease settings are checked at start; a lease runs from the moment it is taken. */
class RunPolicyTest {

    @ParameterizedTest
    @CsvSource({
        "0, 3, PT2M, PT30S, max-queued-runs",
        "50, 0, PT2M, PT30S, max-runs-per-caller",
        "50, 3, PT2M, PT0S, run-heartbeat",
        "50, 3, PT2M, PT2M, run-heartbeat",
        "50, 3, PT2M, PT5M, run-heartbeat"
    })
    void nonsenseSettingsAreRefusedNamingTheProperty(
            int maxQueued, int maxPerCaller, Duration lease, Duration heartbeat, String property) {
        assertThatThrownBy(() -> new RunPolicy("me", maxQueued, maxPerCaller, lease, heartbeat))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(property);
    }

    @Test
    void aLeaseIsHeldByThisInstanceForTheLeaseLength() {
        RunPolicy policy = new RunPolicy("me", 50, 3, Duration.ofMinutes(2), Duration.ofSeconds(30));

        assertThat(policy.leaseFrom(Instant.parse("2026-05-01T00:00:00Z")))
                .isEqualTo(new Lease("me", Instant.parse("2026-05-01T00:02:00Z")));
    }

    @Test
    void anOwnerIdNamesTheProcessAndFitsItsColumn() {
        assertThat(RunPolicy.newOwner())
                .startsWith(ProcessHandle.current().pid() + "-")
                .hasSizeLessThanOrEqualTo(100);
    }
}
