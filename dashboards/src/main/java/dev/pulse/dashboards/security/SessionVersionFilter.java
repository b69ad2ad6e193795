package dev.pulse.dashboards.security;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session whose account was deleted or whose password, role or regions changed since
 * the sign-in: the session's version is compared with the account's in the operational database on every
 * request (one primary-key read, no cache), so the change holds at once and at every instance. The
 * request then goes on unauthenticated: 401 on the API, the sign-in page for pages.
 */
final class SessionVersionFilter extends OncePerRequestFilter {

    private final Accounts accounts;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionVersionFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication != null
                && authentication.getDetails() instanceof PasswordLogin.SignedIn signedIn
                && authentication.getPrincipal() instanceof Caller caller) {
            OptionalLong current = accounts.sessionVersion(caller.name());
            if (current.isEmpty() || current.getAsLong() != signedIn.sessionVersion()) {
                contexts.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        chain.doFilter(request, response);
    }
}
