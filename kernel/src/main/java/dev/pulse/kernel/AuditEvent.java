package dev.pulse.kernel;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One audit entry before it is stored: when, who (name, role, regions), from where, what (action, target,
 * details) and how it ended. Details never hold a secret: a key's id or name, never the key; no password, no token.
 *
 * @param at when it happened
 * @param actor the caller's name (a username, {@code api-key:<name>}, a configured key's name) or, for a
 *        failed sign-in, the username that was tried
 * @param role the caller's role; null when nobody was authenticated
 * @param regions the caller's regions; empty for all regions or nobody
 * @param address the client address as the servlet container saw it ({@code getRemoteAddr()}); null outside a request
 * @param action what was done
 * @param target what it was done to (an id, a path, a name); may be null
 * @param details further facts, in the order given
 * @param outcome how it ended
 * @param reason why it failed or was denied; null on success
 */
public record AuditEvent(
        Instant at,
        String actor,
        Role role,
        Set<String> regions,
        String address,
        AuditAction action,
        String target,
        Map<String, String> details,
        Outcome outcome,
        String reason) {

    /** How an audited action ended. */
    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED
    }

    public AuditEvent {
        regions = Collections.unmodifiableSet(new TreeSet<>(regions));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * A successful action of {@code caller}, from the address of the request this thread serves.
     *
     * @param caller who acted, must not be null
     * @param action what was done, must not be null
     * @param target what it was done to, may be null
     */
    public static AuditEvent of(Caller caller, AuditAction action, Object target) {
        return new AuditEvent(
                Instant.now(),
                caller.name(),
                caller.role(),
                caller.scope().regions(),
                currentAddress(),
                action,
                target == null ? null : target.toString(),
                Map.of(),
                Outcome.SUCCESS,
                null);
    }

    /**
     * A successful action of someone not (yet) authenticated, such as a sign-in attempt.
     *
     * @param actor the name they gave, may be null
     */
    public static AuditEvent anonymous(String actor, AuditAction action, Object target) {
        return new AuditEvent(
                Instant.now(),
                actor == null ? "" : actor,
                null,
                Set.of(),
                currentAddress(),
                action,
                target == null ? null : target.toString(),
                Map.of(),
                Outcome.SUCCESS,
                null);
    }

    /** This event with one more detail; a null value is left out. */
    public AuditEvent with(String key, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(details);
        more.put(key, value.toString());
        return new AuditEvent(at, actor, role, regions, address, action, target, more, outcome, reason);
    }

    /** This event as a failure for {@code why}. */
    public AuditEvent failed(String why) {
        return new AuditEvent(at, actor, role, regions, address, action, target, details, Outcome.FAILURE, why);
    }

    /** This event as a refusal for {@code why}. */
    public AuditEvent denied(String why) {
        return new AuditEvent(at, actor, role, regions, address, action, target, details, Outcome.DENIED, why);
    }

    /**
     * The remote address of the current request. X-Forwarded-For is not read here: behind a proxy, set
     * {@code server.forward-headers-strategy} so that the container itself answers the client's address.
     */
    private static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
