package dev.pulse.dashboards.web;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts who is looking and in which language into the model of every page, for the shared header. */
@ControllerAdvice(
        basePackages = {
            "dev.pulse.dashboards",
            "dev.pulse.surveys.web",
            "dev.pulse.surveys.cases.web",
            "dev.pulse.reporting.pages"
        })
class ViewerAdvice {

    @ModelAttribute
    void viewer(Model model, HttpServletRequest request, Locale locale) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Caller caller) {
            HttpSession session = request.getSession(false);
            Object displayName = session == null ? null : session.getAttribute("pulse.displayName");
            model.addAttribute("viewer", caller);
            model.addAttribute("viewerName", displayName == null ? caller.name() : displayName);
            model.addAttribute("viewerIsAdmin", caller.role() == Role.ADMIN);
            model.addAttribute(
                    "embedded", request.getAttribute(dev.pulse.dashboards.embed.EmbedScope.ATTRIBUTE) != null);
        }
        model.addAttribute("lang", "en".equals(locale.getLanguage()) ? "en" : "zh");
        model.addAttribute(
                "currentPath",
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    }
}
