package dev.pulse.dashboards.web;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.LocaleResolver;

/** The sign-in page, the start page, and the language switch in the header (remembered per account). */
@Controller
class LoginController {

    private final Accounts accounts;
    private final LocaleResolver locales;

    LoginController(Accounts accounts, LocaleResolver locales) {
        this.accounts = accounts;
        this.locales = locales;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/dashboards/overview";
    }

    @PostMapping("/account/locale")
    String locale(
            @RequestParam String lang,
            @RequestParam(defaultValue = "/") String back,
            @AuthenticationPrincipal Caller caller,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!"zh".equals(lang) && !"en".equals(lang)) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "lang must be zh or en");
        }
        if (caller != null && accounts.exists(caller.name())) {
            accounts.setLocale(caller.name(), lang);
        }
        locales.setLocale(request, response, "en".equals(lang) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE);
        // only a path of this application, so the switch cannot be used to send people elsewhere
        boolean local = back.startsWith("/") && !back.startsWith("//") && !back.contains("\\");
        return "redirect:" + (local ? back : "/");
    }
}
