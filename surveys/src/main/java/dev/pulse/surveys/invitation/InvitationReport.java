package dev.pulse.surveys.invitation;

import java.util.List;
import java.util.Map;

/**
 * What an invitation request did.
 *
 * @param created how many invitations were recorded and sent
 * @param skipped how many customers got none
 * @param skippedByReason the skipped customers counted by reason; every reason is present
 * @param invitations the invitations made
 * @param skippedCustomers each skipped customer with its reason
 */
public record InvitationReport(
        int created,
        int skipped,
        Map<SkipReason, Integer> skippedByReason,
        List<Sent> invitations,
        List<Skipped> skippedCustomers) {

    /** One invitation made: its personal link holds the single-use token. */
    public record Sent(String customerId, String invitationId, String link) {}

    /** One customer who got no invitation. */
    public record Skipped(String customerId, SkipReason reason) {}
}
