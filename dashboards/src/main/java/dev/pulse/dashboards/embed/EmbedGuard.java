package dev.pulse.dashboards.embed;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Keeps an embedded request on its one dashboard: besides that page it may only fetch metrics
 * ({@code /api/v1/query}), comments and exports, which its scope (the locked region) already limits; every
 * other route answers 403.
 */
@Configuration(proxyBeanMethods = false)
class EmbedGuard implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(request.getAttribute(EmbedScope.ATTRIBUTE) instanceof EmbedScope embed)) {
            return true;
        }
        String path = request.getRequestURI();
        boolean allowed = path.equals("/dashboards/" + embed.dashboard())
                || path.equals("/api/v1/query")
                || path.equals("/api/v1/comments")
                || path.equals("/dashboards/export")
                || path.startsWith("/embed/")
                // the churn dashboard lists at-risk customers: only its embeds may read the list (their scope limits
                // it)
                || (embed.dashboard().equals("churn")
                        && (path.equals("/api/v1/customers/at-risk") || path.equals("/dashboards/export/at-risk")));
        if (!allowed) {
            response.sendError(
                    HttpServletResponse.SC_FORBIDDEN, "an embedded dashboard may open only its own page and data");
        }
        return allowed;
    }
}
