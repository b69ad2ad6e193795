package dev.pulse.surveys.web;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.web.StrictJson;
import dev.pulse.surveys.rules.InvitationRule;
import dev.pulse.surveys.rules.InvitationRuleService;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Creates, lists and deactivates invitation rules. */
@RestController
@PreAuthorize("hasAnyRole('QUALITY', 'ADMIN')")
class InvitationRuleController {

    private final InvitationRuleService rules;
    private final StrictJson bodies;

    InvitationRuleController(InvitationRuleService rules, StrictJson bodies) {
        this.rules = rules;
        this.bodies = bodies;
    }

    @PostMapping(path = "/api/v1/invitation-rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    InvitationRule create(InputStream body, @AuthenticationPrincipal Caller caller) throws IOException {
        RuleRequest r = bodies.read(body, RuleRequest.class);
        return rules.create(r.surveyId(), r.trigger(), r.channel(), r.delayHours(), caller.name());
    }

    @GetMapping("/api/v1/invitation-rules")
    List<InvitationRule> list() {
        return rules.list();
    }

    @PostMapping("/api/v1/invitation-rules/{id}/deactivate")
    InvitationRule deactivate(@PathVariable String id) {
        return rules.deactivate(id);
    }

    /** The body of a rule: {@code trigger} TRANSACTION (with {@code channel}) or FEEDBACK_RESOLVED. */
    record RuleRequest(String surveyId, String trigger, String channel, Integer delayHours) {}
}
