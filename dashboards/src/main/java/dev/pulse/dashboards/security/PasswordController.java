package dev.pulse.dashboards.security;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A signed-in person changes their own password, on the page {@code /account/password} or with
 * {@code POST /api/v1/account/password}, proving the current one. Every other session of the account
 * ends; the session that made the change is moved to the account's new session version and stays.
 * A wrong current password counts as a failed sign-in ({@link LoginThrottle}), so a session left open
 * cannot be used to guess it; when locked, 429 with {@code Retry-After}. API keys and embeds have no password: 403.
 */
@Controller
class PasswordController {

    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    PasswordController(Accounts accounts, LoginThrottle throttle, AuditLog audit) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** The body of the API call; the field names are those of the page's form. */
    record PasswordChange(String currentPassword, String password) {}

    @GetMapping("/account/password")
    String page(@RequestParam(required = false) String changed, Model model) {
        model.addAttribute("changed", changed != null);
        return "account-password";
    }

    @PostMapping("/account/password")
    String changeOnPage(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String password,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            change(currentPassword, password, request, response);
            return "redirect:/account/password?changed";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorMessage", e.getMessage());
            model.addAttribute("changed", false);
            return "account-password";
        }
    }

    @PostMapping("/api/v1/account/password")
    @ResponseBody
    ResponseEntity<Void> changeByApi(
            @RequestBody PasswordChange body, HttpServletRequest request, HttpServletResponse response) {
        change(body.currentPassword(), body.password(), request, response);
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(InvalidFieldException.class)
    @ResponseBody
    ErrorResponse refused(InvalidFieldException e) {
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, e.getMessage())
                .property("field", e.field())
                .build();
    }

    @ExceptionHandler(LoginThrottledException.class)
    ResponseEntity<ProblemDetail> locked(LoginThrottledException e) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too many wrong passwords; try again in " + seconds + " seconds"));
    }

    @ExceptionHandler(NotAPersonException.class)
    @ResponseBody
    ErrorResponse notAPerson(NotAPersonException e) {
        return ErrorResponse.builder(e, HttpStatus.FORBIDDEN, e.getMessage()).build();
    }

    private void change(
            String currentPassword, String password, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.getContext();
        Authentication authentication = context.getAuthentication();
        if (authentication == null
                || !(authentication.getDetails() instanceof PasswordLogin.SignedIn signedIn)
                || !(authentication.getPrincipal() instanceof Caller caller)) {
            throw new NotAPersonException();
        }
        String address = request.getRemoteAddr();
        throttle.locked(caller.name(), address).ifPresent(wait -> {
            throw new LoginThrottledException(wait);
        });
        long version;
        try {
            version = accounts.changeOwnPassword(caller.name(), currentPassword, password);
        } catch (InvalidFieldException e) {
            // an empty field is no guess: only a wrong password counts
            if ("currentPassword".equals(e.field()) && currentPassword != null && !currentPassword.isEmpty()) {
                throttle.failed(caller.name(), address);
            }
            audit.record(AuditEvent.of(caller, AuditAction.PASSWORD_CHANGE, caller.name())
                    .failed(e.field() + ": " + e.getMessage()));
            throw e;
        }
        audit.record(AuditEvent.of(caller, AuditAction.PASSWORD_CHANGE, caller.name()));
        UsernamePasswordAuthenticationToken kept =
                UsernamePasswordAuthenticationToken.authenticated(caller, null, authentication.getAuthorities());
        kept.setDetails(new PasswordLogin.SignedIn(signedIn.displayName(), signedIn.locale(), version));
        SecurityContext updated = SecurityContextHolder.createEmptyContext();
        updated.setAuthentication(kept);
        SecurityContextHolder.setContext(updated);
        sessions.saveContext(updated, request, response);
    }

    /** The caller is an API key or an embed, which has no password of its own. */
    static final class NotAPersonException extends RuntimeException {
        NotAPersonException() {
            super("only a person signed in with a password can change it; API keys and embeds have none");
        }
    }
}
