package dev.pulse.reporting.pages;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.reporting.ArchivedReport;
import dev.pulse.reporting.RegionNotAllowedException;
import dev.pulse.reporting.ReportDelivery;
import dev.pulse.reporting.ReportFormat;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.ReportSchedules;
import dev.pulse.reporting.RunNotFoundException;
import dev.pulse.reporting.RunRequest;
import dev.pulse.reporting.RunStatus;
import dev.pulse.reporting.TooManyRunsException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The report archive as pages: the runs the viewer may see (a regional manager only their regions'),
 * one run's archive record with its deliveries, download and re-render, and a form to run a report now.
 * A refused form answers 400 with the page and the message next to the field at fault.
 */
@Controller
@PreAuthorize("hasAnyRole('EXECUTIVE', 'ANALYST', 'QUALITY', 'REGIONAL_MANAGER', 'ADMIN')")
class ArchivePages {

    private static final int LIMIT = 200;

    private final ReportRuns runs;
    private final ReportSchedules schedules;
    private final PulseSettings pulse;
    private final AuditLog audit;

    ArchivePages(ReportRuns runs, ReportSchedules schedules, PulseSettings pulse, AuditLog audit) {
        this.runs = runs;
        this.schedules = schedules;
        this.pulse = pulse;
        this.audit = audit;
    }

    /** A run as the archive list prints it, with how the schedule that produced it delivered it (if one did). */
    record RunRow(
            String id,
            String report,
            String region,
            String period,
            String format,
            String status,
            String requestedBy,
            String createdAt,
            String sha256,
            List<DeliveryRow> deliveries) {

        static RunRow of(ReportRun run, List<ReportDelivery> deliveries, PulseSettings pulse) {
            return new RunRow(
                    run.id(),
                    run.report().id(),
                    run.region() == null ? "" : run.region(),
                    run.from() + " – " + run.to().minusDays(1),
                    run.format(),
                    run.status().name(),
                    run.requestedBy(),
                    PageTimes.format(run.createdAt(), pulse.timezone()),
                    run.sha256() == null ? "" : run.sha256(),
                    deliveries.stream().map(d -> DeliveryRow.of(d, pulse)).toList());
        }
    }

    /** A delivery as the details page prints it. */
    record DeliveryRow(
            String region,
            String recipients,
            boolean regionOwners,
            String status,
            int attempts,
            String error,
            String sentAt) {

        static DeliveryRow of(ReportDelivery d, PulseSettings pulse) {
            return new DeliveryRow(
                    d.region(),
                    String.join(", ", d.recipients()),
                    d.source() == ReportDelivery.RecipientSource.REGION_OWNERS,
                    d.status().name(),
                    d.attempts(),
                    d.error() == null ? "" : d.error(),
                    PageTimes.format(d.sentAt(), pulse.timezone()));
        }
    }

    @GetMapping("/reports")
    String home() {
        return "redirect:/reports/archive";
    }

    @GetMapping("/reports/archive")
    String archive(
            @RequestParam(required = false) String region,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        List<String> visible = visibleRegions(caller);
        String only = region == null || region.isBlank() ? null : region;
        model.addAttribute("regions", visible);
        model.addAttribute("region", only);
        model.addAttribute("zone", pulse.timezone().getId());
        if (only != null && !visible.contains(only)) {
            response.setStatus(400);
            model.addAttribute("errors", Map.of("region", "region must be one of " + visible));
            model.addAttribute("rows", List.of());
            return "reporting/archive";
        }
        model.addAttribute("errors", Map.of());
        List<ReportRun> visibleRuns = runs.list(caller, only, LIMIT);
        Map<String, List<ReportDelivery>> deliveries = schedules.deliveriesOfRuns(
                visibleRuns.stream().map(ReportRun::id).toList());
        model.addAttribute(
                "rows",
                visibleRuns.stream()
                        .map(r -> RunRow.of(r, deliveries.getOrDefault(r.id(), List.of()), pulse))
                        .toList());
        return "reporting/archive";
    }

    @GetMapping("/reports/archive/{id}")
    String details(
            @PathVariable String id,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        ReportRun run = runs.find(caller, id).orElseThrow(() -> new RunNotFoundException(id));
        ArchivedReport archived = runs.archived(caller, id).orElse(null);
        model.addAttribute("run", RunRow.of(run, schedules.deliveriesOfRun(id), pulse));
        model.addAttribute("error", run.error());
        model.addAttribute("archived", archived);
        model.addAttribute(
                "archivedAt", archived == null ? "" : PageTimes.format(archived.archivedAt(), pulse.timezone()));
        model.addAttribute("downloadable", archived != null && archived.fileDeletedAt() == null);
        boolean unfinished = run.status() == RunStatus.QUEUED || run.status() == RunStatus.RUNNING;
        if (unfinished) {
            // without JavaScript: the browser loads the page again until the run is done
            response.setHeader("Refresh", "3");
        }
        model.addAttribute("unfinished", unfinished);
        model.addAttribute("zone", pulse.timezone().getId());
        return "reporting/run";
    }

    @PostMapping("/reports/archive/{id}/rerun")
    String rerun(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        return "redirect:/reports/archive/"
                + audited(caller, AuditAction.REPORT_RERUN, id, runs.rerun(caller, id))
                        .id();
    }

    @GetMapping("/reports/run")
    String runForm(@AuthenticationPrincipal Caller caller, Model model) {
        LocalDate firstOfMonth = LocalDate.now(pulse.timezone()).withDayOfMonth(1);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("report", ReportKind.REGIONAL_PERFORMANCE.id());
        form.put("from", firstOfMonth.minusMonths(1).toString());
        form.put("to", firstOfMonth.toString());
        form.put("format", "pdf");
        return runForm(caller, model, form, Map.of());
    }

    @PostMapping("/reports/run")
    String run(
            @RequestParam(defaultValue = "") String report,
            @RequestParam(defaultValue = "") String region,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "pdf") String format,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("report", report);
        form.put("region", region);
        form.put("from", from);
        form.put("to", to);
        form.put("format", format);
        try {
            ReportKind kind = ReportKind.of(report)
                    .orElseThrow(() -> new InvalidFieldException("report", "report must be one of " + reportIds()));
            RunRequest request =
                    new RunRequest(kind, region.isBlank() ? null : region, date("from", from), date("to", to), format);
            return "redirect:/reports/archive/"
                    + audited(caller, AuditAction.REPORT_RUN, null, runs.start(caller, request))
                            .id();
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            return runForm(caller, model, form, Map.of(e.field(), e.getMessage()));
        } catch (RegionNotAllowedException e) {
            response.setStatus(403);
            return runForm(caller, model, form, Map.of("region", e.getMessage()));
        } catch (TooManyRunsException e) {
            response.setStatus(429);
            response.setHeader("Retry-After", "10");
            return runForm(caller, model, form, Map.of("report", e.getMessage() + " (" + e.limit() + ")"));
        }
    }

    /** Records a run started by {@code caller} (a re-render of {@code of}, or a new one) and answers it. */
    private ReportRun audited(Caller caller, AuditAction action, String of, ReportRun run) {
        audit.record(AuditEvent.of(caller, action, of == null ? run.id() : of).with("run", run.id()));
        return run;
    }

    private String runForm(Caller caller, Model model, Map<String, String> form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("reports", reportIds());
        model.addAttribute("regions", visibleRegions(caller));
        model.addAttribute(
                "formats",
                Arrays.stream(ReportFormat.values()).map(ReportFormat::id).toList());
        return "reporting/run-form";
    }

    private List<String> visibleRegions(Caller caller) {
        return pulse.regions().stream().filter(caller.scope()::allows).toList();
    }

    private static List<String> reportIds() {
        return Arrays.stream(ReportKind.values()).map(ReportKind::id).toList();
    }

    private static LocalDate date(String field, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, field + " must be a date like 2026-05-01, not " + text);
        }
    }
}
