package dev.pulse.reporting.web;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.NotFoundException;
import dev.pulse.kernel.web.StrictJson;
import dev.pulse.reporting.ReportFile;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.RunNotFoundException;
import dev.pulse.reporting.RunRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Report runs over HTTP: start one, follow it, download its file, all within the caller's scope. */
@RestController
@RequestMapping("/api/v1/reports")
@PreAuthorize("hasAnyRole('EXECUTIVE', 'ANALYST', 'QUALITY', 'REGIONAL_MANAGER', 'ADMIN')")
class ReportRunController {

    private static final Set<String> FIELDS = Set.of("region", "from", "to", "format");

    private final ReportRuns runs;
    private final StrictJson json;
    private final AuditLog audit;

    ReportRunController(ReportRuns runs, StrictJson json, AuditLog audit) {
        this.runs = runs;
        this.json = json;
        this.audit = audit;
    }

    /** The state of a run as the API shows it. */
    record RunView(
            String id,
            String report,
            String region,
            LocalDate from,
            LocalDate to,
            String format,
            String status,
            String requestedBy,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            String error,
            String sha256,
            Long sizeBytes,
            Map<String, String> links) {

        static RunView of(ReportRun run) {
            String self = "/api/v1/reports/runs/" + run.id();
            return new RunView(
                    run.id(),
                    run.report().id(),
                    run.region(),
                    run.from(),
                    run.to(),
                    run.format(),
                    run.status().name(),
                    run.requestedBy(),
                    run.createdAt(),
                    run.startedAt(),
                    run.finishedAt(),
                    run.error(),
                    run.sha256(),
                    run.sizeBytes(),
                    Map.of("self", self, "file", self + "/file"));
        }
    }

    @PostMapping(path = "/{report}/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RunView> start(@PathVariable String report, InputStream body, @AuthenticationPrincipal Caller caller)
            throws IOException {
        ReportKind kind = ReportKind.of(report).orElseThrow(() -> new UnknownReportException(report));
        ReportRun run = runs.start(caller, request(kind, json.readTree(body)));
        audit.record(AuditEvent.of(caller, AuditAction.REPORT_RUN, run.id())
                .with("report", kind.id())
                .with("region", run.region()));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/reports/runs/" + run.id()))
                .body(RunView.of(run));
    }

    @PostMapping("/runs/{id}/rerun")
    ResponseEntity<RunView> rerun(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        ReportRun run = runs.rerun(caller, id);
        audit.record(AuditEvent.of(caller, AuditAction.REPORT_RERUN, id).with("run", run.id()));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/reports/runs/" + run.id()))
                .body(RunView.of(run));
    }

    @GetMapping("/runs/{id}")
    RunView get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        return runs.find(caller, id).map(RunView::of).orElseThrow(() -> new RunNotFoundException(id));
    }

    @GetMapping("/runs/{id}/file")
    ResponseEntity<Resource> file(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        ReportFile file = audit.recorded(AuditEvent.of(caller, AuditAction.REPORT_DOWNLOAD, id), runs.file(caller, id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.mediaType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file.name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-SHA256", file.sha256())
                .body(new FileSystemResource(file.path()));
    }

    /** Reads the body field by field so that every mistake names its field. */
    private static RunRequest request(ReportKind kind, JsonNode body) {
        StrictJson.object(body, FIELDS);
        return new RunRequest(
                kind,
                StrictJson.text(body, "region"),
                date(body, "from"),
                date(body, "to"),
                StrictJson.text(body, "format"));
    }

    private static LocalDate date(JsonNode body, String field) {
        String text = StrictJson.text(body, field);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, field + " must be a date like 2026-05-01, not " + text);
        }
    }

    /** The path names a report that does not exist. */
    static class UnknownReportException extends NotFoundException {
        UnknownReportException(String report) {
            super("no report " + report + "; the reports are regional-performance and national-summary", "report");
        }
    }
}
