package dev.pulse.dashboards.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Counts failed sign-ins three ways, each within one window: per username and address (a pair is
 * locked until the window ends), per address for any usernames (password spraying: the address is
 * locked until the window ends), and per username from any address (a distributed guess: the username
 * is locked for a short time only, and never for an address that signed in as it within the last 30
 * days, so that strangers can slow a person down but not lock them out). Memory is bounded by pruning
 * ended windows.
 */
final class LoginThrottle {

    /** The limits; see {@code dashboards/README.md} for the policy. */
    record Limits(int pairFailures, Duration window, int userFailures, Duration userLock, int addressFailures) {}

    private static final int PRUNE_ABOVE = 10_000;
    static final Duration TRUSTED_FOR = Duration.ofDays(30);

    private final Limits limits;
    private final Clock clock;
    private final Map<String, Window> pairs = new ConcurrentHashMap<>();
    private final Map<String, Window> users = new ConcurrentHashMap<>();
    private final Map<String, Window> addresses = new ConcurrentHashMap<>();
    /** Username and address pairs that signed in, until when they are trusted. */
    private final Map<String, Long> trusted = new ConcurrentHashMap<>();

    LoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** How long this username must still wait from this address, empty when it may try. */
    Optional<Duration> locked(String username, String address) {
        long now = clock.millis();
        Long trustedUntil = trusted.get(key(username, address));
        boolean known = trustedUntil != null && trustedUntil > now;
        return Stream.of(
                        waitFor(pairs.get(key(username, address)), limits.pairFailures(), now),
                        waitFor(addresses.get(address), limits.addressFailures(), now),
                        known ? Optional.<Duration>empty() : waitFor(users.get(username), limits.userFailures(), now))
                .flatMap(Optional::stream)
                .max(Duration::compareTo);
    }

    /** Counts a failure. */
    void failed(String username, String address) {
        long now = clock.millis();
        if (pairs.size() + users.size() + addresses.size() > PRUNE_ABOVE) {
            Stream.of(pairs, users, addresses).forEach(map -> map.values().removeIf(w -> w.endsAt <= now));
            trusted.values().removeIf(until -> until <= now);
        }
        long window = limits.window().toMillis();
        pairs.compute(key(username, address), (k, w) -> count(w, now, window, limits.pairFailures(), 0));
        addresses.compute(address, (k, w) -> count(w, now, window, limits.addressFailures(), 0));
        users.compute(
                username,
                (k, w) -> count(
                        w, now, window, limits.userFailures(), limits.userLock().toMillis()));
    }

    /** Forgets the failures of a pair that signed in, and trusts that address for that username. */
    void succeeded(String username, String address) {
        pairs.remove(key(username, address));
        trusted.put(key(username, address), clock.millis() + TRUSTED_FOR.toMillis());
    }

    /** How many windows are held, for the test that memory stays bounded. */
    int tracked() {
        return pairs.size() + users.size() + addresses.size();
    }

    private static Optional<Duration> waitFor(Window w, int limit, long now) {
        return w == null || w.endsAt <= now || w.count < limit
                ? Optional.empty()
                : Optional.of(Duration.ofMillis(w.endsAt - now));
    }

    /**
     * One more failure in a window that starts at the first one. With {@code lock} 0 a lock lasts until the window
     * ends; otherwise the failure that reaches the limit locks for {@code lock} from then, and later ones do not extend it.
     */
    private static Window count(Window w, long now, long window, int limit, long lock) {
        Window counted = w == null || w.endsAt <= now ? new Window(now + window, 1) : new Window(w.endsAt, w.count + 1);
        return lock > 0 && counted.count == limit ? new Window(now + lock, counted.count) : counted;
    }

    private static String key(String username, String address) {
        return username + "\u0000" + address;
    }

    private record Window(long endsAt, int count) {}
}
