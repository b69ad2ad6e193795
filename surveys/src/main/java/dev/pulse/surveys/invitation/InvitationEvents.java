package dev.pulse.surveys.invitation;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.surveys.outbox.WarehouseOutbox;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records invitation events for the warehouse stream {@code survey-invitations} in the outbox, in the caller's
 * transaction. Event ids are {@code <invitation id>/<status>}, so sending one again is a harmless duplicate; every
 * event of an invitation carries the invitation's creation time, so a period's response rate is about its invitations.
 */
final class InvitationEvents {

    static final String STREAM = "survey-invitations";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final WarehouseOutbox outbox;
    private final PulseSettings pulse;

    InvitationEvents(WarehouseOutbox outbox, PulseSettings pulse) {
        this.outbox = outbox;
        this.pulse = pulse;
    }

    void sent(Invitation i) {
        send(event(i.id(), i.surveyId(), i.customerId(), i.createdAt(), i.region(), i.channel(), "sent", null));
    }

    void answered(Invitation i) {
        send(event(i.id(), i.surveyId(), i.customerId(), i.createdAt(), i.region(), i.channel(), "answered", null));
    }

    /** A customer who got no invitation; {@code id} names the decision, as no invitation exists. */
    void skipped(String id, String surveyId, Recipient r, Instant at, SkipReason reason) {
        send(event(id, surveyId, r.customerId(), at, r.region(), r.channel(), "skipped", reason.name()));
    }

    private Map<String, Object> event(
            String invitationId,
            String surveyId,
            String customerId,
            Instant ts,
            String region,
            String channel,
            String status,
            String reason) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", invitationId + "/" + status);
        e.put("invitation_id", invitationId);
        e.put("survey_id", surveyId);
        e.put("customer_id", customerId);
        e.put("ts", TS.format(ts.truncatedTo(ChronoUnit.MILLIS).atZone(pulse.timezone())));
        e.put("region", region);
        if (channel != null) {
            e.put("channel", channel);
        }
        e.put("status", status);
        if (reason != null) {
            e.put("reason", reason);
        }
        return e;
    }

    private void send(Map<String, Object> event) {
        outbox.add(STREAM, event);
    }
}
