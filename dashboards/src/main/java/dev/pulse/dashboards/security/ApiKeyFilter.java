package dev.pulse.dashboards.security;

import dev.pulse.kernel.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <key>}; a known key authenticates the request as its
 * {@link Caller} (configured keys first, then those an ADMIN created), an unknown one ends it with 401. Not a bean, so it
 * runs only in the API chain, and in the web chain for the paths it is given (the actuator).
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final StoredApiKeys stored;
    private final ProblemResponses problems;
    private final RequestMatcher paths;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(ApiKeys keys, StoredApiKeys stored, ProblemResponses problems) {
        this(keys, stored, problems, AnyRequestMatcher.INSTANCE);
    }

    ApiKeyFilter(ApiKeys keys, StoredApiKeys stored, ProblemResponses problems, RequestMatcher paths) {
        this.keys = keys;
        this.stored = stored;
        this.problems = problems;
        this.paths = paths;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !paths.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String presented = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip()
                : null;
        Optional<Caller> caller =
                presented == null ? Optional.empty() : keys.find(presented).or(() -> stored.find(presented));
        if (caller.isEmpty()) {
            contexts.clearContext();
            problems.commence(request, response, new BadCredentialsException("unknown API key"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(caller.get()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}
