package dev.pulse.dashboards.embed;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Service;

/**
 * The embed grants that exchanged tokens became: a random 256-bit value handed to the embedded page
 * only in its HTML, which the page sends back in the {@value #HEADER} header, so an embed needs no
 * cookie (a browser sends no SameSite cookie inside a frame on another site). Grants live in memory,
 * keyed by the SHA-256 of the value; one lives until the token's {@code exp}, is extended by use to
 * {@link #IDLE} after the last request, never beyond {@link #MAX_AGE}, and ends at once when its
 * application is removed.
 */
@Service
public class EmbedGrants {

    /** The request header that carries a grant. */
    public static final String HEADER = "X-Pulse-Embed";
    /** The request attribute holding the grant for the page that the exchange renders. */
    public static final String PAGE_ATTRIBUTE = "embedGrant";

    static final Duration IDLE = Duration.ofMinutes(15);
    static final Duration MAX_AGE = Duration.ofHours(8);

    /** A grant in use: who the request is, and what the embed may see. */
    public record Granted(Caller caller, EmbedScope scope) {

        /** The request's authentication: the locked caller, with its role; no credential is kept. */
        public Authentication authentication() {
            return UsernamePasswordAuthenticationToken.authenticated(
                    caller,
                    null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        }
    }

    private record Entry(String appId, Granted granted, Instant created, Instant expires) {}

    private final Map<String, Entry> byDigest = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    /** The system clock unless the context has a {@link Clock} (tests that let a grant expire without waiting). */
    @Autowired
    EmbedGrants(Optional<Clock> clock) {
        this(clock.orElse(Clock.systemUTC()));
    }

    EmbedGrants(Clock clock) {
        this.clock = clock;
    }

    /** A grant just issued: the value to put in the page (only its digest is kept), and what it grants. */
    record Issued(String value, Granted granted) {}

    /** Issues a grant for verified claims, alive until the token's expiry unless used. */
    Issued issue(EmbedTokens.Claims claims) {
        Instant now = clock.instant();
        byDigest.values().removeIf(e -> !now.isBefore(e.expires()));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = "peg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String name = "embed:" + claims.appName();
        Caller caller = claims.region() == null
                ? new Caller(name, Role.EXECUTIVE, Scope.ALL)
                : new Caller(name, Role.REGIONAL_MANAGER, Scope.of(Set.of(claims.region())));
        Granted granted = new Granted(caller, new EmbedScope(claims.dashboard(), claims.region(), claims.origin()));
        byDigest.put(digest(value), new Entry(claims.appId(), granted, now, claims.expires()));
        return new Issued(value, granted);
    }

    /**
     * The grant of a presented value, if it is known and has not expired; its use extends it.
     *
     * @param presented the header's value, may be null
     */
    public Optional<Granted> find(String presented) {
        if (presented == null || presented.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Entry entry = byDigest.computeIfPresent(digest(presented), (key, e) -> {
            if (!now.isBefore(e.expires())) {
                return null;
            }
            Instant idle = now.plus(IDLE);
            Instant cap = e.created().plus(MAX_AGE);
            Instant extended = idle.isAfter(e.expires()) ? idle : e.expires();
            return new Entry(e.appId(), e.granted(), e.created(), extended.isAfter(cap) ? cap : extended);
        });
        return Optional.ofNullable(entry).map(Entry::granted);
    }

    /** Ends every grant of an application at once. */
    void revoke(String appId) {
        byDigest.values().removeIf(e -> e.appId().equals(appId));
    }

    /** SHA-256 in hex: how grants and used tokens are kept. */
    static String digest(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
