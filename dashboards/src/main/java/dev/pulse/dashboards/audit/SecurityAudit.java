package dev.pulse.dashboards.audit;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Audits what Spring Security decides: sign-in (success and failure, with the username tried, never
 * the password), sign-out, and every refusal (403) of an authenticated caller. Refusals of anonymous
 * requests are not entries: they are the login page's everyday traffic.
 */
@Component
class SecurityAudit {

    private final AuditLog audit;

    SecurityAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof Caller caller) {
            audit.record(AuditEvent.of(caller, AuditAction.SIGN_IN, caller.name()));
        }
    }

    @EventListener
    void signInFailed(AbstractAuthenticationFailureEvent event) {
        String name = event.getAuthentication().getName();
        String tried = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        audit.record(AuditEvent.anonymous(tried, AuditAction.SIGN_IN, tried)
                .failed(event.getException().getMessage()));
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof Caller caller) {
            audit.record(AuditEvent.of(caller, AuditAction.SIGN_OUT, caller.name()));
        }
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        Authentication authentication = event.getAuthentication().get();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            audit.record(AuditEvent.of(caller, AuditAction.ACCESS_DENIED, currentRequest())
                    .denied("not allowed for " + caller.role()));
        }
    }

    private static String currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest().getMethod() + " " + a.getRequest().getRequestURI()
                : null;
    }
}
