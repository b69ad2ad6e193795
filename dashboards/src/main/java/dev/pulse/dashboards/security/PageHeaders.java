package dev.pulse.dashboards.security;

import dev.pulse.dashboards.embed.EmbedSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.header.HeaderWriter;

/**
 * The Content-Security-Policy of every page: only our own scripts; no framing, except an embedded
 * session, which its registered host origin (and only that one) may frame.
 */
final class PageHeaders implements HeaderWriter {

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        String ancestors = session != null && session.getAttribute(EmbedSession.ATTRIBUTE) instanceof EmbedSession embed
                ? embed.origin() : "'none'";
        response.setHeader("Content-Security-Policy", SecurityConfiguration.CSP + "; frame-ancestors " + ancestors);
        if (ancestors.equals("'none'")) {
            response.setHeader("X-Frame-Options", "DENY");
        }
    }
}
