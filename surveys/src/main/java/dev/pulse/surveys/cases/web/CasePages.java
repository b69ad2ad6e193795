package dev.pulse.surveys.cases.web;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Role;
import dev.pulse.surveys.cases.CaseNotFoundException;
import dev.pulse.surveys.cases.CaseService;
import dev.pulse.surveys.cases.CaseStateException;
import dev.pulse.surveys.cases.CaseStatus;
import dev.pulse.surveys.cases.FollowUpCase;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The follow-up case pages, server-rendered and usable without JavaScript: the list (overdue first) with filters
 * limited to the viewer's regions, and one case with its history and the forms to assign, note, mark contacted and
 * resolve. What a viewer may see and change is decided by {@link CaseService}, never by the page.
 */
@Controller
@PreAuthorize("hasAnyRole('QUALITY', 'ADMIN', 'REGIONAL_MANAGER')")
class CasePages {

    /** Cases per page of the list. */
    static final int PAGE_SIZE = 100;

    private final CaseService cases;
    private final List<String> regions;
    private final ZoneId zone;
    private final AuditLog audit;

    CasePages(CaseService cases, PulseSettings pulse, AuditLog audit) {
        this.cases = cases;
        this.regions = List.copyOf(pulse.regions());
        this.zone = pulse.timezone();
        this.audit = audit;
    }

    /** The header's active link, and times in the company's time zone ({@code pulse.timezone}). */
    @ModelAttribute
    void page(Model model) {
        model.addAttribute("section", "cases");
        model.addAttribute("zone", zone);
    }

    @GetMapping("/cases")
    String list(
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "") String region,
            @RequestParam(defaultValue = "") String overdue,
            @RequestParam(defaultValue = "1") String page,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        List<String> mine = regions.stream()
                .filter(r -> seesAll(caller) || caller.scope().allows(r))
                .toList();
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("regions", mine);
        model.addAttribute("filter", Map.of("status", status, "region", region, "overdue", overdue));
        try {
            if (!region.isEmpty() && !mine.contains(region)) {
                throw new InvalidFieldException("region", "not one of your regions");
            }
            int number = pageNumber(page);
            // one more than a page tells whether there is a next one
            List<FollowUpCase> found = cases.list(
                    caller,
                    status(status),
                    region.isEmpty() ? null : region,
                    overdue(overdue),
                    PAGE_SIZE + 1,
                    (number - 1) * PAGE_SIZE);
            model.addAttribute("cases", found.subList(0, Math.min(PAGE_SIZE, found.size())));
            model.addAttribute("page", number);
            model.addAttribute("firstShown", (number - 1) * PAGE_SIZE + 1);
            model.addAttribute("hasNext", found.size() > PAGE_SIZE);
        } catch (InvalidFieldException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("cases", List.of());
            model.addAttribute("errors", errors(e));
        }
        return "surveys/admin/cases";
    }

    private static int pageNumber(String value) {
        if (!value.matches("[1-9][0-9]{0,4}")) {
            throw new InvalidFieldException("page", "must be a page number from 1");
        }
        return Integer.parseInt(value);
    }

    @GetMapping("/cases/{id}")
    String get(
            @PathVariable String id,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        try {
            return show(id, caller, model);
        } catch (CaseNotFoundException e) {
            return notFound(e, model, response);
        }
    }

    private String show(String id, Caller caller, Model model) {
        FollowUpCase c = cases.get(caller, id);
        model.addAttribute("c", c);
        model.addAttribute("owners", cases.owners().getOrDefault(c.region(), List.of()));
        model.addAttribute("history", cases.history(caller, id));
        return "surveys/admin/case";
    }

    @PostMapping("/cases/{id}/assign")
    String assign(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String owner,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        return change(
                id, "assign", Map.of("owner", owner), caller, model, response, c -> cases.assign(c, id, owner.strip()));
    }

    @PostMapping("/cases/{id}/notes")
    String note(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String text,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        return change(id, "note", Map.of("text", text), caller, model, response, c -> cases.note(c, id, text));
    }

    @PostMapping("/cases/{id}/contacted")
    String contacted(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        return change(
                id,
                "contacted",
                Map.of("note", note),
                caller,
                model,
                response,
                c -> cases.contacted(c, id, note.isBlank() ? null : note));
    }

    @PostMapping("/cases/{id}/resolve")
    String resolve(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String outcome,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        return change(
                id, "resolve", Map.of("outcome", outcome), caller, model, response, c -> cases.resolve(c, id, outcome));
    }

    /** A case the viewer may not see is, for it, a case that does not exist (a page here, not an exception handler's, to keep the header). */
    private static String notFound(CaseNotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("messageKey", "cases.notFound");
        model.addAttribute("detail", e.getMessage());
        return "surveys/admin/message";
    }

    /** Makes one change and goes back to the case; a refused change shows the case again with the reason at its form. */
    private String change(
            String id,
            String form,
            Map<String, String> entered,
            Caller caller,
            Model model,
            HttpServletResponse response,
            Consumer<Caller> apply) {
        try {
            apply.accept(caller);
            audit.record(
                    AuditEvent.of(caller, AuditAction.valueOf("CASE_" + form.toUpperCase(java.util.Locale.ROOT)), id));
            return "redirect:/cases/" + id;
        } catch (InvalidFieldException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", errors(e));
        } catch (CaseStateException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("errors", Map.of("state", e.getMessage()));
        } catch (CaseNotFoundException e) {
            return notFound(e, model, response);
        }
        model.addAttribute("errorForm", form);
        model.addAttribute("entered", entered);
        return get(id, caller, model, response);
    }

    private static Map<String, String> errors(InvalidFieldException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.errors().forEach(p -> errors.putIfAbsent(p.field(), p.message()));
        return errors;
    }

    private static CaseStatus status(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return CaseStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "one of OPEN, CONTACTED, RESOLVED");
        }
    }

    private static Boolean overdue(String value) {
        return switch (value) {
            case "" -> null;
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidFieldException("overdue", "true or false");
        };
    }

    private static boolean seesAll(Caller caller) {
        return caller.role() == Role.QUALITY || caller.role() == Role.ADMIN;
    }
}
