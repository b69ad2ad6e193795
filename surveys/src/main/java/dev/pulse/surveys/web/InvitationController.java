package dev.pulse.surveys.web;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.web.StrictJson;
import dev.pulse.surveys.invitation.InvitationReport;
import dev.pulse.surveys.invitation.InvitationService;
import dev.pulse.surveys.invitation.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Invites a list of customers to an active survey; reports who was invited and who was skipped and why. */
@RestController
@PreAuthorize("hasAnyRole('QUALITY', 'ADMIN')")
class InvitationController {

    private final InvitationService invitations;
    private final StrictJson bodies;

    InvitationController(InvitationService invitations, StrictJson bodies) {
        this.invitations = invitations;
        this.bodies = bodies;
    }

    @PostMapping(path = "/api/v1/surveys/{id}/invitations", consumes = MediaType.APPLICATION_JSON_VALUE)
    InvitationReport invite(@PathVariable String id, InputStream body, @AuthenticationPrincipal Caller caller)
            throws IOException {
        InvitationRequest request = bodies.read(body, InvitationRequest.class);
        return invitations.invite(id, request.customers(), caller.name());
    }

    /** The body of an invitation request. */
    record InvitationRequest(List<Recipient> customers) {}
}
