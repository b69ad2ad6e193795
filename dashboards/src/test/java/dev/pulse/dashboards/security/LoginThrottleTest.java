package dev.pulse.dashboards.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three counts of failed sign-ins: per username and address (5, locked for the rest of the 5-minute
 * window), per address for any usernames (30, the same), per username from any address (20, locked for one
 * minute only, and never at an address that signed in as that username).
 */
class LoginThrottleTest {

    static final LoginThrottle.Limits LIMITS =
            new LoginThrottle.Limits(5, Duration.ofMinutes(5), 20, Duration.ofMinutes(1), 30);

    final AtomicLong now = new AtomicLong(1_000_000);
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    final LoginThrottle throttle = new LoginThrottle(LIMITS, clock);

    /** A step of a scenario: fail, succeed, wait, or expect the wait of a username at an address. */
    record Step(String action, String username, String address, int times, Duration expected) {
        static Step fail(String username, String address, int times) {
            return new Step("fail", username, address, times, null);
        }

        static Step fromEach(String username, String addressPrefix, int addresses) {
            return new Step("fail-from-many", username, addressPrefix, addresses, null);
        }

        static Step forEach(String usernamePrefix, String address, int usernames) {
            return new Step("fail-for-many", usernamePrefix, address, usernames, null);
        }

        static Step succeed(String username, String address) {
            return new Step("succeed", username, address, 1, null);
        }

        static Step after(Duration wait) {
            return new Step("wait", null, null, 0, wait);
        }

        static Step expect(String username, String address, Duration wait) {
            return new Step("expect", username, address, 0, wait);
        }
    }

    static Stream<Arguments> scenarios() {
        Duration open = Duration.ZERO;
        return Stream.of(
                Arguments.of(
                        "four failures of a pair do not lock it",
                        new Step[] {Step.fail("exec", "10.0.0.1", 4), Step.expect("exec", "10.0.0.1", open)}),
                Arguments.of("the fifth locks that pair for the rest of the window, and only that pair", new Step[] {
                    Step.fail("exec", "10.0.0.1", 5), Step.expect("exec", "10.0.0.1", Duration.ofMinutes(5)),
                    Step.after(Duration.ofMinutes(2)), Step.expect("exec", "10.0.0.1", Duration.ofMinutes(3)),
                    Step.expect("exec", "10.0.0.2", open), Step.expect("analyst", "10.0.0.1", open),
                    Step.after(Duration.ofMinutes(3)), Step.expect("exec", "10.0.0.1", open)
                }),
                Arguments.of("a sign-in forgets the pair's failures", new Step[] {
                    Step.fail("exec", "10.0.0.1", 4),
                    Step.succeed("exec", "10.0.0.1"),
                    Step.fail("exec", "10.0.0.1", 1),
                    Step.expect("exec", "10.0.0.1", open)
                }),
                Arguments.of("19 failures of a username from 19 addresses do not lock it", new Step[] {
                    Step.fromEach("exec", "198.51.100.", 19), Step.expect("exec", "203.0.113.9", open)
                }),
                Arguments.of("the 20th locks the username everywhere for one minute only", new Step[] {
                    Step.fromEach("exec", "198.51.100.", 20),
                    Step.expect("exec", "203.0.113.9", Duration.ofMinutes(1)),
                    Step.expect("analyst", "203.0.113.9", open),
                    Step.after(Duration.ofSeconds(61)),
                    Step.expect("exec", "203.0.113.9", open)
                }),
                Arguments.of("further failures during the lock do not extend it", new Step[] {
                    Step.fromEach("exec", "198.51.100.", 20), Step.after(Duration.ofSeconds(30)),
                    Step.fromEach("exec", "192.0.2.", 10), Step.expect("exec", "203.0.113.9", Duration.ofSeconds(30))
                }),
                Arguments.of("an address that signed in as the username is not locked by strangers", new Step[] {
                    Step.succeed("exec", "10.0.0.7"), Step.fromEach("exec", "198.51.100.", 40),
                    Step.expect("exec", "10.0.0.7", open), Step.expect("exec", "203.0.113.9", Duration.ofMinutes(1))
                }),
                Arguments.of("a trusted address is still limited per pair", new Step[] {
                    Step.succeed("exec", "10.0.0.7"),
                    Step.fail("exec", "10.0.0.7", 5),
                    Step.expect("exec", "10.0.0.7", Duration.ofMinutes(5))
                }),
                Arguments.of("trust ends after 30 days", new Step[] {
                    Step.succeed("exec", "10.0.0.7"),
                    Step.after(Duration.ofDays(31)),
                    Step.fromEach("exec", "198.51.100.", 20),
                    Step.expect("exec", "10.0.0.7", Duration.ofMinutes(1))
                }),
                Arguments.of(
                        "29 usernames tried from one address do not lock it",
                        new Step[] {Step.forEach("user", "10.0.0.9", 29), Step.expect("someone", "10.0.0.9", open)}),
                Arguments.of("the 30th locks that address for every username until the window ends", new Step[] {
                    Step.forEach("user", "10.0.0.9", 30),
                    Step.expect("someone", "10.0.0.9", Duration.ofMinutes(5)),
                    Step.expect("someone", "10.0.0.10", open),
                    Step.after(Duration.ofMinutes(5)),
                    Step.expect("someone", "10.0.0.9", open)
                }),
                Arguments.of("failures spread beyond the window are never counted together", new Step[] {
                    Step.fail("exec", "10.0.0.1", 4),
                    Step.after(Duration.ofMinutes(5)),
                    Step.fail("exec", "10.0.0.1", 4),
                    Step.expect("exec", "10.0.0.1", open)
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(String name, Step[] steps) {
        for (Step step : steps) {
            switch (step.action()) {
                case "fail" -> {
                    for (int i = 0; i < step.times(); i++) {
                        throttle.failed(step.username(), step.address());
                    }
                }
                case "fail-from-many" -> {
                    for (int i = 0; i < step.times(); i++) {
                        throttle.failed(step.username(), step.address() + i);
                    }
                }
                case "fail-for-many" -> {
                    for (int i = 0; i < step.times(); i++) {
                        throttle.failed(step.username() + i, step.address());
                    }
                }
                case "succeed" -> throttle.succeeded(step.username(), step.address());
                case "wait" -> now.addAndGet(step.expected().toMillis());
                case "expect" ->
                    assertThat(throttle.locked(step.username(), step.address()))
                            .as(step.username() + " at " + step.address())
                            .isEqualTo(step.expected().isZero() ? Optional.empty() : Optional.of(step.expected()));
                default -> throw new IllegalArgumentException(step.action());
            }
        }
    }

    @Test
    void memoryIsBoundedByPruningEndedWindows() {
        for (int i = 0; i < 12_000; i++) {
            throttle.failed("user" + i, "10.1." + i);
        }
        now.addAndGet(Duration.ofMinutes(6).toMillis());
        throttle.failed("exec", "10.0.0.1");
        assertThat(throttle.tracked()).isLessThan(10);
    }
}
