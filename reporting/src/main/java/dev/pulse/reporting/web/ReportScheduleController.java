package dev.pulse.reporting.web;

import static dev.pulse.kernel.web.StrictJson.strings;
import static dev.pulse.kernel.web.StrictJson.text;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.web.StrictJson;
import dev.pulse.reporting.PeriodRule;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportSchedule;
import dev.pulse.reporting.ReportSchedules;
import dev.pulse.reporting.ScheduleRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Report schedules for the quality team and administrators: create one, list them with their next run, edit one, delete one. */
@RestController
@RequestMapping("/api/v1/reports/schedules")
@PreAuthorize("hasAnyRole('QUALITY', 'ADMIN')")
class ReportScheduleController {

    private static final Set<String> FIELDS =
            Set.of("name", "report", "cron", "zone", "periodRule", "regions", "recipients", "language");

    private final ReportSchedules schedules;
    private final StrictJson json;
    private final AuditLog audit;

    ReportScheduleController(ReportSchedules schedules, StrictJson json, AuditLog audit) {
        this.schedules = schedules;
        this.json = json;
        this.audit = audit;
    }

    /** A schedule as the API shows it. */
    record ScheduleView(
            String id,
            String name,
            String report,
            String cron,
            String zone,
            PeriodRule periodRule,
            List<String> regions,
            Map<String, List<String>> recipients,
            String language,
            String createdBy,
            Instant createdAt,
            Instant nextRun) {

        static ScheduleView of(ReportSchedule s, Instant nextRun) {
            return new ScheduleView(
                    s.id(),
                    s.name(),
                    s.report().id(),
                    s.cron(),
                    s.zone().getId(),
                    s.periodRule(),
                    s.regions(),
                    s.recipients(),
                    s.language(),
                    s.createdBy(),
                    s.createdAt(),
                    nextRun);
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ScheduleView> create(InputStream body, @AuthenticationPrincipal Caller caller) throws IOException {
        ReportSchedule schedule = schedules.create(caller, request(json.readTree(body)));
        audit.record(AuditEvent.of(caller, AuditAction.SCHEDULE_CREATE, schedule.id()));
        return ResponseEntity.created(URI.create("/api/v1/reports/schedules/" + schedule.id()))
                .body(ScheduleView.of(schedule, schedules.nextRun(schedule.id()).orElse(null)));
    }

    @GetMapping
    List<ScheduleView> list() {
        return schedules.list().stream()
                .map(s -> ScheduleView.of(s, schedules.nextRun(s.id()).orElse(null)))
                .toList();
    }

    /** Replaces a schedule's definition, checked like a new one; its id and history stay, its next run follows the new cron. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ScheduleView update(@PathVariable String id, InputStream body, @AuthenticationPrincipal Caller caller)
            throws IOException {
        ReportSchedule schedule = audit.recorded(
                AuditEvent.of(caller, AuditAction.SCHEDULE_UPDATE, id),
                schedules.update(caller, id, request(json.readTree(body))));
        return ScheduleView.of(schedule, schedules.nextRun(schedule.id()).orElse(null));
    }

    /** Deletes a schedule: listed no more, never run again; its deliveries and archived runs stay. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        audit.recorded(AuditEvent.of(caller, AuditAction.SCHEDULE_DELETE, id), schedules.delete(caller, id));
        return ResponseEntity.noContent().build();
    }

    private static ScheduleRequest request(JsonNode body) {
        StrictJson.object(body, FIELDS);
        String report = text(body, "report");
        String rule = text(body, "periodRule");
        PeriodRule periodRule;
        try {
            periodRule = rule == null ? null : PeriodRule.valueOf(rule);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(
                    "periodRule", "periodRule must be PREVIOUS_MONTH, PREVIOUS_WEEK or MONTH_TO_DATE");
        }
        return new ScheduleRequest(
                text(body, "name"),
                report == null
                        ? ReportKind.REGIONAL_PERFORMANCE
                        : ReportKind.of(report)
                                .orElseThrow(() -> new InvalidFieldException("report", "no report " + report)),
                text(body, "cron"),
                text(body, "zone"),
                periodRule,
                strings(body.get("regions"), "regions"),
                recipients(body.get("recipients")),
                text(body, "language"));
    }

    private static Map<String, List<String>> recipients(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidFieldException("recipients", "recipients must map each region to a list of addresses");
        }
        Map<String, List<String>> recipients = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            recipients.put(entry.getKey(), strings(entry.getValue(), "recipients." + entry.getKey()));
        }
        return recipients;
    }
}
