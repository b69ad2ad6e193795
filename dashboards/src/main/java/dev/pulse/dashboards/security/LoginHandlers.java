package dev.pulse.dashboards.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/** What follows a sign-in: the account's language goes into the session; a locked pair gets 429 with Retry-After. */
final class LoginHandlers {

    /** The session attribute holding the signed-in person's display name. */
    static final String DISPLAY_NAME = "pulse.displayName";

    private LoginHandlers() {}

    static SavedRequestAwareAuthenticationSuccessHandler success() {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(
                    HttpServletRequest request, HttpServletResponse response, Authentication authentication)
                    throws jakarta.servlet.ServletException, IOException {
                if (authentication.getDetails() instanceof PasswordLogin.SignedIn signedIn) {
                    request.getSession()
                            .setAttribute(SessionLocaleResolver.LOCALE_SESSION_ATTRIBUTE_NAME, signedIn.locale());
                    request.getSession().setAttribute(DISPLAY_NAME, signedIn.displayName());
                }
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        handler.setDefaultTargetUrl("/dashboards/overview");
        return handler;
    }

    static AuthenticationFailureHandler failure() {
        return (request, response, e) -> {
            if (e instanceof LoginThrottledException locked) {
                long seconds = Math.max(1, locked.retryAfter().toSeconds());
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(seconds));
                response.setContentType("text/html;charset=UTF-8");
                response.getOutputStream()
                        .write(("""
                        <!DOCTYPE html><html><head><meta charset="utf-8"><title>Pulse</title>
                        <link rel="stylesheet" href="/css/pulse.css"></head><body class="login">
                        <main class="login-box"><h1>Pulse</h1>
                        <p class="error" id="locked">登录失败次数过多，请 %d 分钟后再试。<br>Too many failed sign-ins; try again in %d minutes.</p>
                        <p><a href="/login">登录 / Sign in</a></p></main></body></html>
                        """.formatted((seconds + 59) / 60, (seconds + 59) / 60))
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
    }
}
