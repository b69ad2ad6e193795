package dev.pulse.surveys.cases.web;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.web.StrictJson;
import dev.pulse.surveys.cases.CaseChange;
import dev.pulse.surveys.cases.CaseService;
import dev.pulse.surveys.cases.CaseStatus;
import dev.pulse.surveys.cases.FollowUpCase;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case API: QUALITY and ADMIN work on every region, a REGIONAL_MANAGER on its own regions (a case
 * elsewhere is 404); region owners are read by those roles and replaced by ADMIN only.
 */
@RestController
@PreAuthorize("hasAnyRole('QUALITY', 'ADMIN', 'REGIONAL_MANAGER')")
class CaseController {

    private final CaseService cases;
    private final StrictJson json;
    private final AuditLog audit;

    CaseController(CaseService cases, StrictJson json, AuditLog audit) {
        this.cases = cases;
        this.json = json;
        this.audit = audit;
    }

    @GetMapping("/api/v1/cases")
    List<FollowUpCase> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String overdue,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @AuthenticationPrincipal Caller caller) {
        return cases.list(caller, status(status), region, bool("overdue", overdue), limit(limit), offset(offset));
    }

    @GetMapping("/api/v1/cases/{id}")
    CaseView get(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        return new CaseView(cases.get(caller, id), cases.history(caller, id));
    }

    @PostMapping(path = "/api/v1/cases/{id}/assign", consumes = MediaType.APPLICATION_JSON_VALUE)
    FollowUpCase assign(@PathVariable String id, InputStream body, @AuthenticationPrincipal Caller caller)
            throws IOException {
        return audit.recorded(
                AuditEvent.of(caller, AuditAction.CASE_ASSIGN, id),
                cases.assign(caller, id, json.read(body, Assign.class).owner()));
    }

    @PostMapping(path = "/api/v1/cases/{id}/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    FollowUpCase note(@PathVariable String id, InputStream body, @AuthenticationPrincipal Caller caller)
            throws IOException {
        return audit.recorded(
                AuditEvent.of(caller, AuditAction.CASE_NOTE, id),
                cases.note(caller, id, json.read(body, Note.class).text()));
    }

    @PostMapping(path = "/api/v1/cases/{id}/contacted", consumes = MediaType.APPLICATION_JSON_VALUE)
    FollowUpCase contacted(@PathVariable String id, InputStream body, @AuthenticationPrincipal Caller caller)
            throws IOException {
        return audit.recorded(
                AuditEvent.of(caller, AuditAction.CASE_CONTACTED, id),
                cases.contacted(caller, id, json.read(body, Contacted.class).note()));
    }

    @PostMapping(path = "/api/v1/cases/{id}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    FollowUpCase resolve(@PathVariable String id, InputStream body, @AuthenticationPrincipal Caller caller)
            throws IOException {
        return audit.recorded(
                AuditEvent.of(caller, AuditAction.CASE_RESOLVE, id),
                cases.resolve(caller, id, json.read(body, Resolve.class).outcome()));
    }

    @GetMapping("/api/v1/cases/owners")
    @PreAuthorize("hasAnyRole('QUALITY', 'ADMIN')")
    Map<String, List<String>> owners() {
        return cases.owners();
    }

    @PutMapping(path = "/api/v1/cases/owners/{region}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> setOwners(@PathVariable String region, InputStream body, @AuthenticationPrincipal Caller caller)
            throws IOException {
        return audit.recorded(
                AuditEvent.of(caller, AuditAction.CASE_OWNER_SET, region),
                Map.of(
                        "region",
                        region,
                        "owners",
                        cases.setOwners(region, json.read(body, Owners.class).owners())));
    }

    private static CaseStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return CaseStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("status", "one of OPEN, CONTACTED, RESOLVED");
        }
    }

    private static Boolean bool(String field, String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidFieldException(field, "true or false");
        };
    }

    private static int limit(String value) {
        if (value == null) {
            return 200;
        }
        if (!value.matches("[0-9]{1,4}")) {
            throw new InvalidFieldException("limit", "must be between 1 and 1000");
        }
        return Integer.parseInt(value);
    }

    private static int offset(String value) {
        if (value == null) {
            return 0;
        }
        if (!value.matches("[0-9]{1,8}")) {
            throw new InvalidFieldException("offset", "must be a whole number from 0");
        }
        return Integer.parseInt(value);
    }

    /** A case with every change made to it. */
    record CaseView(FollowUpCase followUpCase, List<CaseChange> history) {}

    record Assign(String owner) {}

    record Note(String text) {}

    record Contacted(String note) {}

    record Resolve(String outcome) {}

    record Owners(List<String> owners) {}
}
