package dev.pulse.dashboards.security;

import dev.pulse.dashboards.embed.EmbedGrants;
import dev.pulse.dashboards.embed.EmbedScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the {@value EmbedGrants#HEADER} header of an embedded page's requests: a live grant
 * authenticates the request as the embed's {@link dev.pulse.kernel.Caller} and marks it with its
 * {@link EmbedScope} (whatever else the request carries, a session cookie or an API key), an
 * unknown, expired or revoked one ends it with 401. Not a bean, so it runs only in the chains that add it.
 */
final class EmbedGrantFilter extends OncePerRequestFilter {

    private final EmbedGrants grants;
    private final ProblemResponses problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    EmbedGrantFilter(EmbedGrants grants, ProblemResponses problems) {
        this.grants = grants;
        this.problems = problems;
    }

    /** A request that a grant authenticates, or that fails for lack of a live one: never one that CSRF could forge. */
    static boolean presentsGrant(HttpServletRequest request) {
        return request.getHeader(EmbedGrants.HEADER) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!presentsGrant(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<EmbedGrants.Granted> granted = grants.find(request.getHeader(EmbedGrants.HEADER));
        if (granted.isEmpty()) {
            contexts.clearContext();
            problems.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "the embed grant is not valid: unknown, expired or revoked; open the embedded dashboard again");
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(granted.get().authentication());
        contexts.setContext(context);
        request.setAttribute(EmbedScope.ATTRIBUTE, granted.get().scope());
        chain.doFilter(request, response);
    }
}
