package dev.pulse.dashboards;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The system clock moved by a test-chosen offset: the application ITs' clock, so that a test lets time pass
 * (a token or a grant expiring) by moving it instead of sleeping. It reads the real time until moved.
 */
public final class ShiftedClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves the clock forward. */
    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    /** Puts the clock back to the real time (a test that moved a shared context's clock does so when it ends). */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Registers the clock, which the services that take an optional {@link Clock} then read. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }
}
