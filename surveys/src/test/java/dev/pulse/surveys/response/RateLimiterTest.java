package dev.pulse.surveys.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.surveys.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    final TestClock clock = new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
    final RateLimiter limiter = new RateLimiter(3, clock);

    @Test
    void aClientOverTheLimitWaitsUntilItsWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("10.0.0.1")).isEmpty();
        }
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.acquire("10.0.0.1")).contains(Duration.ofSeconds(40));
        assertThat(limiter.acquire("10.0.0.2")).as("another client").isEmpty();

        clock.advance(Duration.ofSeconds(40));
        assertThat(limiter.acquire("10.0.0.1")).isEmpty();
    }

    @Test
    void theWaitIsAtLeastOneSecond() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("c");
        }
        clock.advance(Duration.ofMillis(59_900));
        assertThat(limiter.acquire("c")).contains(Duration.ofSeconds(1));
    }
}
