package dev.pulse.surveys.response;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.surveys.Question;
import dev.pulse.surveys.ResponseAccepted;
import dev.pulse.surveys.Survey;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.invitation.Invitation;
import dev.pulse.surveys.invitation.InvitationService;
import dev.pulse.warehouse.Ingestion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an accepted submission into one {@code survey-responses} event through the same ingestion
 * path as every other event. Region, customer, channel and time come from the invitation (or the
 * survey's open link) and the server clock, never from the form.
 */
@Service
class SubmissionService {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /** The form field holding the id the server gave the form; the anonymous response's event id derives from it. */
    static final String SUBMISSION_FIELD = "submission";

    private static final Pattern SUBMISSION_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Ingestion ingestion;
    private final InvitationService invitations;
    private final ResponseRepository responses;
    private final TransactionTemplate transactions;
    private final PulseSettings pulse;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JsonMapper json = JsonMapper.builder().build();

    SubmissionService(
            Ingestion ingestion,
            InvitationService invitations,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            PulseSettings pulse,
            Optional<Clock> clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.ingestion = ingestion;
        this.invitations = invitations;
        this.responses = new ResponseRepository(jdbc);
        this.transactions = transactions;
        this.pulse = pulse;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Stores the answer to a personal invitation and uses its token, both or neither.
     *
     * @return false when the token had been used already
     */
    boolean submit(
            Invitation invitation,
            SurveyDefinition definition,
            int version,
            Map<String, Object> answers,
            String language) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            Instant now = clock.instant();
            if (!invitations.markResponded(invitation.id(), now)) {
                return false;
            }
            String eventId = "inv-" + invitation.id();
            responses.insert(eventId, invitation.surveyId(), version, invitation.id(), language, now);
            Map<String, Object> event = event(
                    eventId,
                    invitation.surveyId(),
                    definition,
                    answers,
                    language,
                    now,
                    invitation.region(),
                    invitation.channel());
            event.put("customer_id", invitation.customerId());
            if (invitation.transactionId() != null) {
                event.put("transaction_id", invitation.transactionId());
            }
            ingest(event);
            invitations.recordAnswered(invitation);
            accepted(event, now);
            return true;
        }));
    }

    /**
     * Stores an anonymous answer given through the survey's open link, once per form: the event id derives
     * from the form's submission id, so a form sent twice, or sent again after a failure that followed the
     * warehouse write (whose transaction rolled back), is one response; the warehouse keeps one row per event id.
     */
    void submitAnonymous(
            Survey survey,
            SurveyDefinition definition,
            int version,
            Map<String, Object> answers,
            String language,
            String submissionId) {
        String eventId = "open-" + submissionId;
        try {
            transactions.executeWithoutResult(tx -> {
                if (responses.exists(eventId)) {
                    return;
                }
                Instant now = clock.instant();
                responses.insert(eventId, survey.id(), version, null, language, now);
                Map<String, Object> event = event(
                        eventId,
                        survey.id(),
                        definition,
                        answers,
                        language,
                        now,
                        survey.definition().openLink().region(),
                        survey.definition().openLink().channel());
                ingest(event);
                accepted(event, now);
            });
        } catch (DuplicateKeyException sentTwiceAtOnce) {
            // the same form, sent twice at the same moment: the other request stored it
        }
    }

    /** The form's submission id when it is one the server could have made, else a new one (a form from before ids existed). */
    static String submissionId(String presented) {
        return presented != null && SUBMISSION_ID.matcher(presented).matches()
                ? presented
                : UUID.randomUUID().toString();
    }

    private Map<String, Object> event(
            String eventId,
            String surveyId,
            SurveyDefinition definition,
            Map<String, Object> answers,
            String language,
            Instant now,
            String region,
            String channel) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", eventId);
        event.put("survey_id", surveyId);
        event.put("ts", TS.format(now.truncatedTo(ChronoUnit.MILLIS).atZone(pulse.timezone())));
        event.put("region", region);
        if (channel != null) {
            event.put("channel", channel);
        }
        event.put("language", language);
        // the first answered question of each score type fills the event's score field; all answers stay in answers
        for (Question q : definition.questions()) {
            Object answer = answers.get(q.id());
            if (answer == null) {
                continue;
            }
            switch (q.type()) {
                case NPS -> event.putIfAbsent("nps_score", answer);
                case CSAT -> event.putIfAbsent("csat_score", answer);
                case CES -> event.putIfAbsent("ces_score", answer);
                case TEXT -> event.putIfAbsent("comment", answer);
                default -> {}
            }
        }
        event.put("answers", answers);
        return event;
    }

    private void ingest(Map<String, Object> event) {
        byte[] line = (json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        Ingestion.IngestResult result =
                ingestion.ingest("survey-responses", new ByteArrayInputStream(line), Ingestion.BodyFormat.NDJSON, true);
        if (!result.rejected().isEmpty()) {
            Ingestion.Rejection r = result.rejected().getFirst();
            throw new ResponseRejectedException(r.field(), r.error());
        }
    }

    /** The hook for other packages (follow-up cases): one {@link ResponseAccepted} per stored response. */
    private void accepted(Map<String, Object> event, Instant now) {
        events.publishEvent(new ResponseAccepted(
                (String) event.get("event_id"),
                (String) event.get("survey_id"),
                (String) event.get("customer_id"),
                (String) event.get("region"),
                score(event.get("nps_score")),
                score(event.get("csat_score")),
                (String) event.get("comment"),
                now));
    }

    private static Integer score(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    /** The warehouse refused the response; the transaction is rolled back, so the token stays usable. */
    static class ResponseRejectedException extends RuntimeException {

        private final String field;

        ResponseRejectedException(String field, String error) {
            super(field + ": " + error);
            this.field = field;
        }

        String field() {
            return field;
        }
    }
}
