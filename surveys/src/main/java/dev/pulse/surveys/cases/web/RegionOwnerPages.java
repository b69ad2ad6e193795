package dev.pulse.surveys.cases.web;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.surveys.cases.CaseService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ADMIN page of region owners: who owns the new cases of each region (the first address) and who else may be
 * assigned. The same rules as {@code PUT /api/v1/cases/owners/{region}}.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class RegionOwnerPages {

    private final CaseService cases;
    private final AuditLog audit;

    RegionOwnerPages(CaseService cases, AuditLog audit) {
        this.cases = cases;
        this.audit = audit;
    }

    @GetMapping("/admin/region-owners")
    String owners(Model model) {
        model.addAttribute("section", "region-owners");
        model.addAttribute("owners", cases.owners());
        return "surveys/admin/region-owners";
    }

    /** Replaces one region's owners; addresses are separated by commas, spaces or line breaks. */
    @PostMapping("/admin/region-owners")
    String setOwners(
            @RequestParam(defaultValue = "") String region,
            @RequestParam(defaultValue = "") String owners,
            Model model,
            HttpServletResponse response,
            @AuthenticationPrincipal Caller caller) {
        List<String> emails = Arrays.stream(owners.split("[,，;\\s]+"))
                .filter(e -> !e.isBlank())
                .toList();
        try {
            cases.setOwners(region, emails);
            audit.record(AuditEvent.of(caller, AuditAction.CASE_OWNER_SET, region));
            return "redirect:/admin/region-owners";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errorRegion", region);
            model.addAttribute("errorField", e.errors().getFirst().field());
            model.addAttribute("errorMessage", e.errors().getFirst().message());
            model.addAttribute("entered", Map.of(region, owners));
            return owners(model);
        }
    }
}
