package dev.pulse.dashboards.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Five failures per username and address lock that pair, and only that pair, until the window ends. */
class LoginThrottleTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(now.get()); }
    };
    final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), clock);

    @Test
    void theFifthFailureLocksTheUsernameFromThatAddressForTheRestOfTheWindow() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("exec", "10.0.0.1");
        }
        assertThat(throttle.locked("exec", "10.0.0.1")).isEmpty();
        throttle.failed("exec", "10.0.0.1");
        assertThat(throttle.locked("exec", "10.0.0.1")).contains(Duration.ofMinutes(5));
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        assertThat(throttle.locked("exec", "10.0.0.1")).contains(Duration.ofMinutes(3));
        assertThat(throttle.locked("exec", "10.0.0.2")).as("another address").isEmpty();
        assertThat(throttle.locked("analyst", "10.0.0.1")).as("another username").isEmpty();
        now.addAndGet(Duration.ofMinutes(3).toMillis());
        assertThat(throttle.locked("exec", "10.0.0.1")).as("after the window").isEmpty();
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("exec", "10.0.0.1");
        }
        throttle.succeeded("exec", "10.0.0.1");
        throttle.failed("exec", "10.0.0.1");
        assertThat(throttle.locked("exec", "10.0.0.1")).isEmpty();
    }
}
