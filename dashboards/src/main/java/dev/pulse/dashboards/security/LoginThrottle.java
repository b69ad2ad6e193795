package dev.pulse.dashboards.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed sign-ins per username and client address; after too many in one window the pair
 * is locked until the window ends, so guessing a password costs hours, while the same person from
 * another address, or another username, is not locked out. Memory is bounded by pruning ended windows.
 */
final class LoginThrottle {

    private static final int PRUNE_ABOVE = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** How long the pair must still wait, empty when it may try. */
    Optional<Duration> locked(String username, String address) {
        Window w = failures.get(key(username, address));
        long now = clock.millis();
        if (w == null || w.endsAt <= now || w.count < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(w.endsAt - now));
    }

    /** Counts a failure. */
    void failed(String username, String address) {
        long now = clock.millis();
        if (failures.size() > PRUNE_ABOVE) {
            failures.values().removeIf(w -> w.endsAt <= now);
        }
        failures.compute(key(username, address), (k, w) -> w == null || w.endsAt <= now
                ? new Window(now + window.toMillis(), 1) : new Window(w.endsAt, w.count + 1));
    }

    /** Forgets the failures of a pair that signed in. */
    void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return username + "\u0000" + address;
    }

    private record Window(long endsAt, int count) {}
}
