package dev.pulse.dashboards.admin;

import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.dashboards.embed.EmbedApps;
import dev.pulse.dashboards.security.StoredApiKeys;
import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * ADMIN pages: user accounts and API keys. A refused form answers 400 with the page and a message
 * naming the field; a new API key is shown once on the answer to its creation and never again.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminController {

    private static final List<Role> ACCOUNT_ROLES =
            List.of(Role.EXECUTIVE, Role.ANALYST, Role.QUALITY, Role.REGIONAL_MANAGER, Role.ADMIN);

    private final Accounts accounts;
    private final StoredApiKeys keys;
    private final PulseSettings pulse;
    private final EmbedApps embedApps;
    private final AuditLog audit;

    AdminController(Accounts accounts, StoredApiKeys keys, PulseSettings pulse, EmbedApps embedApps, AuditLog audit) {
        this.accounts = accounts;
        this.keys = keys;
        this.pulse = pulse;
        this.embedApps = embedApps;
        this.audit = audit;
    }

    @GetMapping("/admin/embed-apps")
    String embedApps(Model model) {
        model.addAttribute("apps", embedApps.list());
        return "admin-embed";
    }

    @PostMapping("/admin/embed-apps")
    String registerApp(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String origin,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        try {
            EmbedApps.Registered registered = embedApps.register(name, origin, caller.name());
            audit.record(AuditEvent.of(
                            caller,
                            AuditAction.EMBED_APP_REGISTER,
                            registered.app().id())
                    .with("name", name)
                    .with("origin", origin));
            model.addAttribute("createdApp", registered.app());
            model.addAttribute("createdSecret", registered.secret());
            return embedApps(model);
        } catch (InvalidFieldException e) {
            return refused(e, embedApps(model), model, response);
        }
    }

    @PostMapping("/admin/embed-apps/{id}/delete")
    String removeApp(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        audit.record(AuditEvent.of(caller, AuditAction.EMBED_APP_REMOVE, id).with("removed", embedApps.remove(id)));
        return "redirect:/admin/embed-apps";
    }

    @GetMapping("/admin/users")
    String users(Model model) {
        model.addAttribute("users", accounts.list());
        model.addAttribute("roles", ACCOUNT_ROLES);
        model.addAttribute("regions", pulse.regions());
        return "admin-users";
    }

    @PostMapping("/admin/users")
    String createUser(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(required = false) List<String> regions,
            @RequestParam(defaultValue = "zh") String locale,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        try {
            accounts.create(username.strip(), displayName, password, role(role), set(regions), locale);
            audit.record(AuditEvent.of(caller, AuditAction.ACCOUNT_CREATE, username.strip())
                    .with("role", role)
                    .with("regions", set(regions)));
            return "redirect:/admin/users";
        } catch (InvalidFieldException e) {
            return refused(e, users(model), model, response);
        }
    }

    @PostMapping("/admin/users/{username}/delete")
    String deleteUser(
            @PathVariable String username,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        try {
            if (username.equals(caller.name())) {
                throw new InvalidFieldException("username", "you cannot remove your own account");
            }
            accounts.delete(username);
            audit.record(AuditEvent.of(caller, AuditAction.ACCOUNT_DELETE, username));
            return "redirect:/admin/users";
        } catch (InvalidFieldException e) {
            return refused(e, users(model), model, response);
        }
    }

    /** A new role and regions; the account's sessions end, so the person signs in again under the new scope. */
    @PostMapping("/admin/users/{username}/role")
    String changeRole(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(required = false) List<String> regions,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        try {
            accounts.changeRole(username, role(role), set(regions));
            audit.record(AuditEvent.of(caller, AuditAction.ACCOUNT_ROLE_CHANGE, username)
                    .with("role", role)
                    .with("regions", set(regions)));
            return "redirect:/admin/users";
        } catch (InvalidFieldException e) {
            return refused(e, users(model), model, response);
        }
    }

    /** An ADMIN sets a new password for someone who lost theirs; that account's sessions end. */
    @PostMapping("/admin/users/{username}/password")
    String resetPassword(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String password,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        try {
            accounts.setPassword(username, password);
            audit.record(AuditEvent.of(caller, AuditAction.ACCOUNT_PASSWORD_RESET, username));
            return "redirect:/admin/users";
        } catch (InvalidFieldException e) {
            return refused(e, users(model), model, response);
        }
    }

    @GetMapping("/admin/api-keys")
    String apiKeys(Model model) {
        model.addAttribute("keys", keys.list());
        model.addAttribute("roles", List.of(Role.values()));
        model.addAttribute("regions", pulse.regions());
        return "admin-keys";
    }

    @PostMapping("/admin/api-keys")
    String createKey(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(required = false) List<String> regions,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        try {
            model.addAttribute("createdKey", keys.create(name, role(role), set(regions), caller.name()));
            audit.record(AuditEvent.of(caller, AuditAction.API_KEY_CREATE, name)
                    .with("role", role)
                    .with("regions", set(regions)));
            return apiKeys(model);
        } catch (InvalidFieldException e) {
            return refused(e, apiKeys(model), model, response);
        }
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revokeKey(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        audit.record(AuditEvent.of(caller, AuditAction.API_KEY_REVOKE, id).with("revoked", keys.revoke(id)));
        return "redirect:/admin/api-keys";
    }

    private static String refused(InvalidFieldException e, String view, Model model, HttpServletResponse response) {
        response.setStatus(400);
        model.addAttribute("errorField", e.field());
        model.addAttribute("errorMessage", e.getMessage());
        return view;
    }

    private static Role role(String name) {
        return Arrays.stream(Role.values())
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidFieldException("role", "role must be one of " + Arrays.toString(Role.values())));
    }

    private static Set<String> set(List<String> values) {
        return values == null
                ? Set.of()
                : new LinkedHashSet<>(values.stream().filter(v -> !v.isBlank()).toList());
    }
}
