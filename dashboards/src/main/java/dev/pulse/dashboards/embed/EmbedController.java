package dev.pulse.dashboards.embed;

import dev.pulse.warehouse.Caller;
import dev.pulse.warehouse.PulseSettings;
import dev.pulse.warehouse.Role;
import dev.pulse.warehouse.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code GET /embed/{dashboard}?token=<JWT>}: exchanges a valid token for a fresh session limited
 * to that dashboard and the token's region, then redirects to the dashboard so the token leaves
 * the address bar at once. The token is never logged; a refusal says why, without the token.
 */
@Controller
class EmbedController {

    private static final Logger log = LoggerFactory.getLogger(EmbedController.class);
    static final List<String> DASHBOARDS = List.of("overview", "satisfaction", "churn", "campaigns", "regions");

    private final EmbedTokens tokens;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    EmbedController(EmbedApps apps, PulseSettings pulse) {
        this.tokens = new EmbedTokens(apps, Clock.systemUTC(), DASHBOARDS, pulse.regions());
    }

    @GetMapping("/embed/{dashboard}")
    String embed(@PathVariable String dashboard, @RequestParam(required = false) String token,
            HttpServletRequest request, HttpServletResponse response) {
        EmbedTokens.Grant grant = tokens.verify(token);
        if (!grant.dashboard().equals(dashboard)) {
            throw new EmbedTokenException("the token is for another dashboard");
        }
        String name = "embed:" + grant.appName();
        Caller caller = grant.region() == null ? new Caller(name, Role.EXECUTIVE, Scope.ALL)
                : new Caller(name, Role.REGIONAL_MANAGER, Scope.of(Set.of(grant.region())));
        HttpSession old = request.getSession(false);
        if (old != null) {
            // nothing of an earlier session (a signed-in person's, another token's) carries over
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        session.setMaxInactiveInterval((int) EmbedTokens.MAX_LIFETIME.toSeconds());
        session.setAttribute(EmbedSession.ATTRIBUTE, new EmbedSession(dashboard, grant.region(), grant.origin()));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name()))));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        log.info("Embedded session for app {} on dashboard {} (region {})", grant.appName(), dashboard,
                grant.region() == null ? "all" : grant.region());
        return "redirect:/dashboards/" + dashboard
                + (grant.region() == null ? "" : "?region=" + URLEncoder.encode(grant.region(), StandardCharsets.UTF_8));
    }

    @ExceptionHandler
    @ResponseBody
    ErrorResponse refused(EmbedTokenException e) {
        return ErrorResponse.builder(e, HttpStatus.UNAUTHORIZED, e.getMessage()).title("Embedding token refused").build();
    }
}
