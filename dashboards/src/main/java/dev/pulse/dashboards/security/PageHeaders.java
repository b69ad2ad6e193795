package dev.pulse.dashboards.security;

import dev.pulse.dashboards.embed.EmbedScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;

/**
 * The Content-Security-Policy of every page: only our own scripts; no framing, except an embedded
 * page, which its registered host origin (and only that one) may frame, and which sends no
 * referrer (its first address holds the token).
 */
final class PageHeaders implements HeaderWriter {

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        String ancestors =
                request.getAttribute(EmbedScope.ATTRIBUTE) instanceof EmbedScope embed ? embed.origin() : "'none'";
        response.setHeader("Content-Security-Policy", SecurityConfiguration.CSP + "; frame-ancestors " + ancestors);
        if (ancestors.equals("'none'")) {
            response.setHeader("X-Frame-Options", "DENY");
        } else {
            response.setHeader("Referrer-Policy", "no-referrer");
        }
    }
}
