package dev.pulse.surveys.web;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.web.StrictJson;
import dev.pulse.surveys.Survey;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.SurveyNotFoundException;
import dev.pulse.surveys.SurveyStatus;
import dev.pulse.surveys.definition.SurveyService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Survey definitions for the quality team: create, edit (a new version once active), activate, close. */
@RestController
@RequestMapping("/api/v1/surveys")
@PreAuthorize("hasAnyRole('QUALITY', 'ADMIN')")
class SurveyController {

    private final SurveyService surveys;
    private final StrictJson bodies;
    private final AuditLog audit;

    SurveyController(SurveyService surveys, StrictJson bodies, AuditLog audit) {
        this.surveys = surveys;
        this.bodies = bodies;
        this.audit = audit;
    }

    @GetMapping
    List<SurveyView> list() {
        return surveys.list().stream().map(s -> view(s, null)).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SurveyView> create(InputStream body, @AuthenticationPrincipal Caller caller) throws IOException {
        Survey survey = audited(
                caller,
                AuditAction.SURVEY_CREATE,
                surveys.create(bodies.read(body, SurveyDefinition.class), caller.name()));
        return ResponseEntity.created(URI.create("/api/v1/surveys/" + survey.id()))
                .body(view(survey, Map.of()));
    }

    @GetMapping("/{id}")
    SurveyView get(@PathVariable String id) {
        Survey survey = surveys.find(id).orElseThrow(() -> new SurveyNotFoundException(id));
        return view(survey, surveys.responseCounts(id));
    }

    @GetMapping("/{id}/versions/{version}")
    SurveyDefinition version(@PathVariable String id, @PathVariable int version) {
        return surveys.version(id, version).orElseThrow(() -> new SurveyNotFoundException(id + " version " + version));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    SurveyView edit(@PathVariable String id, InputStream body, @AuthenticationPrincipal Caller caller)
            throws IOException {
        Survey survey = audited(
                caller,
                AuditAction.SURVEY_UPDATE,
                surveys.edit(id, bodies.read(body, SurveyDefinition.class), caller.name()));
        return view(survey, surveys.responseCounts(id));
    }

    @PostMapping("/{id}/activate")
    SurveyView activate(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        return view(
                audited(caller, AuditAction.SURVEY_ACTIVATE, surveys.activate(id, caller.name())),
                surveys.responseCounts(id));
    }

    @PostMapping("/{id}/close")
    SurveyView close(@PathVariable String id, @AuthenticationPrincipal Caller caller) {
        return view(
                audited(caller, AuditAction.SURVEY_CLOSE, surveys.close(id, caller.name())),
                surveys.responseCounts(id));
    }

    /** Records a change of {@code survey} by {@code caller} and answers the survey. */
    private Survey audited(Caller caller, AuditAction action, Survey survey) {
        audit.record(AuditEvent.of(caller, action, survey.id())
                .with("version", survey.version())
                .with("status", survey.status()));
        return survey;
    }

    private static SurveyView view(Survey s, Map<Integer, Long> responses) {
        String openLink = s.definition().openLink() == null ? null : "/s/open/" + s.id();
        return new SurveyView(
                s.id(),
                s.status(),
                s.version(),
                s.definition(),
                openLink,
                responses,
                s.createdAt(),
                s.createdBy(),
                s.updatedAt(),
                s.updatedBy());
    }

    /**
     * A survey as the API shows it.
     *
     * @param openLink the anonymous link's path, when the survey has one
     * @param responses responses per version; absent in lists
     */
    record SurveyView(
            String id,
            SurveyStatus status,
            int version,
            SurveyDefinition definition,
            String openLink,
            Map<Integer, Long> responses,
            Instant createdAt,
            String createdBy,
            Instant updatedAt,
            String updatedBy) {}
}
