package dev.pulse.dashboards.audit;

import dev.pulse.kernel.PulseSettings;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The audit log for ADMINs, read only: {@code /admin/audit} (a page) and {@code GET /api/v1/audit}
 * (JSON), with the same filters as parameters: who, what, from, to, page, size (see {@link AuditQuery}).
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

    private final AuditStore store;
    private final PulseSettings pulse;

    AuditController(AuditStore store, PulseSettings pulse) {
        this.store = store;
        this.pulse = pulse;
    }

    @GetMapping(path = "/api/v1/audit", produces = "application/json")
    @ResponseBody
    AuditEntry.Page api(
            @RequestParam(required = false) String who,
            @RequestParam(required = false) String what,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        return store.search(AuditQuery.parse(who, what, from, to, page, size, pulse.timezone()));
    }

    @GetMapping("/admin/audit")
    String page(
            @RequestParam(required = false) String who,
            @RequestParam(required = false) String what,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("who", who)
                .addAttribute("what", what)
                .addAttribute("from", from)
                .addAttribute("to", to);
        try {
            AuditEntry.Page found = store.search(AuditQuery.parse(who, what, from, to, page, size, pulse.timezone()));
            model.addAttribute("found", found);
            model.addAttribute("last", found.total() <= (long) (found.page() + 1) * found.size());
        } catch (InvalidAuditQueryException e) {
            response.setStatus(400);
            model.addAttribute("errorField", e.field());
            model.addAttribute("errorMessage", e.getMessage());
        }
        return "admin-audit";
    }

    @ExceptionHandler
    @ResponseBody
    ErrorResponse invalid(InvalidAuditQueryException e) {
        return ErrorResponse.builder(e, HttpStatus.BAD_REQUEST, e.getMessage())
                .property("field", e.field())
                .build();
    }
}
