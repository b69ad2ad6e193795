package dev.pulse.surveys.response;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts submissions per client address in fixed one-minute windows. Memory is bounded: once many
 * addresses are tracked, windows that have ended are dropped.
 */
final class RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int PRUNE_ABOVE = 10_000;

    private final int perWindow;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int perWindow, Clock clock) {
        this.perWindow = perWindow;
        this.clock = clock;
    }

    /** Counts one submission; empty when allowed, else how long the client must wait. */
    Optional<Duration> acquire(String client) {
        long now = clock.millis();
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> w.endsAt <= now);
        }
        Window window = windows.compute(
                client,
                (key, w) -> w == null || w.endsAt <= now
                        ? new Window(now + WINDOW.toMillis(), 1)
                        : new Window(w.endsAt, w.count + 1));
        if (window.count <= perWindow) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(1000, window.endsAt - now)));
    }

    /** One client's current window: when it ends and how many submissions it has seen. */
    private record Window(long endsAt, int count) {}
}
