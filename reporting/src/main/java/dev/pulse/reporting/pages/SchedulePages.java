package dev.pulse.reporting.pages;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.reporting.PeriodRule;
import dev.pulse.reporting.ReportDelivery;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportSchedule;
import dev.pulse.reporting.ReportSchedules;
import dev.pulse.reporting.ScheduleNotFoundException;
import dev.pulse.reporting.ScheduleRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Report schedules as a page for the quality team and administrators: every schedule with its next run
 * and how its last run went per region, a link to edit it and a button that deletes it, and a form to create one
 * (the edit page reuses its fields). A refused form
 * answers 400 with the entered values kept and the message next to the field at fault.
 */
@Controller
@PreAuthorize("hasAnyRole('QUALITY', 'ADMIN')")
class SchedulePages {

    private final ReportSchedules schedules;
    private final PulseSettings pulse;
    private final AuditLog audit;

    SchedulePages(ReportSchedules schedules, PulseSettings pulse, AuditLog audit) {
        this.schedules = schedules;
        this.pulse = pulse;
        this.audit = audit;
    }

    /** A schedule as the list prints it; {@code recipients} holds, per region, the addresses or null for the region's owners. */
    record ScheduleRow(
            String id,
            String name,
            String report,
            String cron,
            String zone,
            String periodRule,
            List<String> regions,
            Map<String, String> recipients,
            String language,
            String createdBy,
            String nextRun,
            String lastPeriod,
            List<LastDelivery> lastRun) {}

    /** How one region of a schedule's last run went. */
    record LastDelivery(String region, String status, String recipients, String error) {}

    @GetMapping("/reports/schedules")
    String list(Model model) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("cron", "0 0 8 1 * ?");
        form.put("zone", pulse.timezone().getId());
        form.put("periodRule", PeriodRule.PREVIOUS_MONTH.name());
        form.put("language", "zh");
        form.put("regions", List.of());
        form.put("recipients", Map.of());
        return page(model, form, Map.of());
    }

    @PostMapping("/reports/schedules")
    String create(
            @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        Map<String, Object> form = entered(params);
        try {
            audit.record(AuditEvent.of(
                    caller,
                    AuditAction.SCHEDULE_CREATE,
                    schedules.create(caller, request(params, form)).id()));
            return "redirect:/reports/schedules";
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            return page(model, form, Map.of(e.field(), e.getMessage()));
        }
    }

    /** The form of one schedule, filled with what it is now; 404 when it is gone. */
    @GetMapping("/reports/schedules/{id}/edit")
    String editForm(@PathVariable String id, Model model) {
        ReportSchedule s = schedules.find(id).orElseThrow(() -> new ScheduleNotFoundException(id));
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", s.name());
        form.put("cron", s.cron());
        form.put("zone", s.zone().getId());
        form.put("periodRule", s.periodRule().name());
        form.put("language", s.language());
        form.put("regions", s.regions());
        Map<String, String> typed = new LinkedHashMap<>();
        s.recipients().forEach((region, addresses) -> typed.put(region, String.join(", ", addresses)));
        form.put("recipients", typed);
        return editPage(model, id, s.name(), form, Map.of());
    }

    /** Saves the edited schedule and goes back to the list, which says which one changed; a refusal keeps the values. */
    @PostMapping("/reports/schedules/{id}")
    String edit(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        ReportSchedule current = schedules.find(id).orElseThrow(() -> new ScheduleNotFoundException(id));
        Map<String, Object> form = entered(params);
        try {
            redirect.addFlashAttribute(
                    "edited",
                    audit.recorded(
                                    AuditEvent.of(caller, AuditAction.SCHEDULE_UPDATE, id),
                                    schedules.update(caller, id, request(params, form)))
                            .name());
            return "redirect:/reports/schedules";
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            return editPage(model, id, current.name(), form, Map.of(e.field(), e.getMessage()));
        }
    }

    /** Deletes a schedule and goes back to the list, which says which one went. */
    @PostMapping("/reports/schedules/{id}/delete")
    String delete(@PathVariable String id, @AuthenticationPrincipal Caller caller, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "deleted",
                audit.recorded(AuditEvent.of(caller, AuditAction.SCHEDULE_DELETE, id), schedules.delete(caller, id))
                        .name());
        return "redirect:/reports/schedules";
    }

    /** The values of a posted form as entered, to show them again if it is refused. */
    private Map<String, Object> entered(MultiValueMap<String, String> params) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", params.getFirst("name"));
        form.put("cron", params.getFirst("cron"));
        form.put("zone", params.getFirst("zone"));
        form.put("periodRule", params.getFirst("periodRule"));
        form.put("language", params.getFirst("language"));
        form.put(
                "regions",
                params.getOrDefault("regions", List.of()).stream()
                        .filter(r -> !r.isBlank())
                        .toList());
        Map<String, String> typed = new LinkedHashMap<>();
        for (String region : pulse.regions()) {
            String text = params.getFirst("recipients." + region);
            if (text != null && !text.isBlank()) {
                typed.put(region, text);
            }
        }
        form.put("recipients", typed);
        return form;
    }

    /** The request a posted form makes; addresses may be separated by commas, semicolons or spaces. */
    @SuppressWarnings("unchecked")
    private static ScheduleRequest request(MultiValueMap<String, String> params, Map<String, Object> form) {
        Map<String, List<String>> recipients = new LinkedHashMap<>();
        ((Map<String, String>) form.get("recipients"))
                .forEach((region, text) -> recipients.put(
                        region,
                        Arrays.stream(text.split("[,;\\s]+"))
                                .filter(a -> !a.isBlank())
                                .toList()));
        return new ScheduleRequest(
                blankToNull(params.getFirst("name")),
                ReportKind.REGIONAL_PERFORMANCE,
                blankToNull(params.getFirst("cron")),
                blankToNull(params.getFirst("zone")),
                periodRule(params.getFirst("periodRule")),
                (List<String>) form.get("regions"),
                recipients,
                blankToNull(params.getFirst("language")));
    }

    private String editPage(Model model, String id, String name, Map<String, Object> form, Map<String, String> errors) {
        model.addAttribute("id", id);
        model.addAttribute("name", name);
        fields(model, form, errors);
        return "reporting/schedule-edit";
    }

    /** What the fields of the schedule form (reporting/schedule-form) print. */
    private void fields(Model model, Map<String, Object> form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("regions", pulse.regions());
        model.addAttribute(
                "periodRules",
                Arrays.stream(PeriodRule.values()).map(PeriodRule::name).toList());
    }

    private String page(Model model, Map<String, Object> form, Map<String, String> errors) {
        model.addAttribute("schedules", schedules.list().stream().map(this::row).toList());
        fields(model, form, errors);
        model.addAttribute("zone", pulse.timezone().getId());
        return "reporting/schedules";
    }

    private ScheduleRow row(ReportSchedule s) {
        Map<String, String> recipients = new LinkedHashMap<>();
        s.regions()
                .forEach(r -> recipients.put(
                        r,
                        s.recipients().containsKey(r)
                                ? String.join(", ", s.recipients().get(r))
                                : null));
        List<ReportDelivery> last = schedules.latestDeliveries(s.id());
        return new ScheduleRow(
                s.id(),
                s.name(),
                s.report().id(),
                s.cron(),
                s.zone().getId(),
                s.periodRule().name(),
                s.regions(),
                recipients,
                s.language(),
                s.createdBy(),
                schedules
                        .nextRun(s.id())
                        .map(next -> PageTimes.format(next, s.zone()))
                        .orElse(""),
                last.isEmpty()
                        ? ""
                        : last.getFirst().from() + " – " + last.getFirst().to().minusDays(1),
                last.stream()
                        .map(d -> new LastDelivery(
                                d.region(),
                                d.status().name(),
                                String.join(", ", d.recipients()),
                                d.error() == null ? "" : d.error()))
                        .toList());
    }

    private static PeriodRule periodRule(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Arrays.stream(PeriodRule.values())
                .filter(r -> r.name().equals(text))
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException(
                        "periodRule", "periodRule must be one of " + Arrays.toString(PeriodRule.values())));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
