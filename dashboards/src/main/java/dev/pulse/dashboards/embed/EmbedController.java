package dev.pulse.dashboards.embed;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.PulseSettings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code GET /embed/{dashboard}?token=<JWT>}: exchanges a valid token for an embed grant limited to
 * that dashboard and the token's region, and answers the dashboard page at once (a forward, not a
 * redirect, since no cookie would carry the grant to a second request inside a frame on another
 * site). The grant is only in the page; the page drops the token from the frame's address. Neither
 * is ever logged; a refusal says why, without the token or the grant.
 */
@Controller
class EmbedController {

    private static final Logger log = LoggerFactory.getLogger(EmbedController.class);
    static final List<String> DASHBOARDS = List.of("overview", "satisfaction", "churn", "campaigns", "regions");

    private final EmbedTokens tokens;
    private final EmbedGrants grants;
    private final UsedEmbedTokens used;
    private final AuditLog audit;

    EmbedController(EmbedApps apps, EmbedGrants grants, PulseSettings pulse, UsedEmbedTokens used, AuditLog audit) {
        this.tokens = new EmbedTokens(apps, Clock.systemUTC(), DASHBOARDS, pulse.regions());
        this.grants = grants;
        this.used = used;
        this.audit = audit;
    }

    @GetMapping("/embed/{dashboard}")
    String embed(
            @PathVariable String dashboard, @RequestParam(required = false) String token, HttpServletRequest request) {
        EmbedTokens.Claims claims = tokens.verify(token);
        if (!claims.dashboard().equals(dashboard)) {
            throw new EmbedTokenException("the token is for another dashboard");
        }
        used.use(claims);
        EmbedGrants.Issued issued = grants.issue(claims);
        audit.record(AuditEvent.of(issued.granted().caller(), AuditAction.EMBED_EXCHANGE, dashboard)
                .with("app", claims.appId())
                .with("region", claims.region()));
        enter(request, issued.granted(), issued.value());
        log.info(
                "Embed grant for app {} on dashboard {} (region {})",
                claims.appName(),
                dashboard,
                claims.region() == null ? "all" : claims.region());
        return "forward:/dashboards/" + dashboard
                + (claims.region() == null
                        ? ""
                        : "?region=" + URLEncoder.encode(claims.region(), StandardCharsets.UTF_8));
    }

    /**
     * {@code POST /embed/{dashboard}} with the page's grant and filters (the embedded page's filter
     * form): the same page under other filters. A navigation inside another site's frame carries no
     * cookie and no header, so the grant travels in the form's body, never in a URL; it is the
     * credential, which is why this form needs no CSRF token, and it must be for this dashboard.
     */
    @PostMapping("/embed/{dashboard}")
    void refilter(
            @PathVariable String dashboard,
            @RequestParam(required = false) String grant,
            HttpServletRequest request,
            HttpServletResponse response)
            throws ServletException, IOException {
        EmbedGrants.Granted granted = grants.find(grant)
                .filter(g -> g.scope().dashboard().equals(dashboard))
                .orElseThrow(() -> new EmbedTokenException(
                        "the embed grant is not valid for this dashboard: unknown, expired or revoked"));
        enter(request, granted, grant);
        // the page is a GET that reads the filters from the body's fields (the grant, also there, it ignores)
        request.getRequestDispatcher("/dashboards/" + dashboard)
                .forward(
                        new HttpServletRequestWrapper(request) {
                            @Override
                            public String getMethod() {
                                return "GET";
                            }
                        },
                        response);
    }

    /** This request only is the embed: nothing is kept in a session, and a session's own login does not apply here. */
    private static void enter(HttpServletRequest request, EmbedGrants.Granted granted, String value) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(granted.authentication());
        SecurityContextHolder.setContext(context);
        request.setAttribute(EmbedScope.ATTRIBUTE, granted.scope());
        request.setAttribute(EmbedGrants.PAGE_ATTRIBUTE, value);
    }

    @ExceptionHandler
    @ResponseBody
    ErrorResponse refused(EmbedTokenException e, HttpServletRequest request) {
        audit.record(AuditEvent.anonymous("", AuditAction.EMBED_EXCHANGE, request.getRequestURI())
                .failed(e.getMessage()));
        return ErrorResponse.builder(e, HttpStatus.UNAUTHORIZED, e.getMessage())
                .title("Embedding refused")
                .build();
    }
}
