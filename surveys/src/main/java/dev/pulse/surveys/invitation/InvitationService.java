package dev.pulse.surveys.invitation;

import dev.pulse.kernel.EmailAddresses;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.InvalidFieldException.FieldError;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.surveys.Survey;
import dev.pulse.surveys.SurveyNotFoundException;
import dev.pulse.surveys.SurveyStateException;
import dev.pulse.surveys.SurveyStatus;
import dev.pulse.surveys.SurveyTexts;
import dev.pulse.surveys.Surveys;
import dev.pulse.surveys.SurveysSettings;
import dev.pulse.surveys.TypedText;
import dev.pulse.surveys.outbox.WarehouseOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invites customers to an active survey: one single-use token and one mail each, unless the
 * contact-fatigue rule (one invitation per customer per {@code pulse.surveys.fatigue-days}, across
 * all surveys) says no. Every skipped customer is reported with its reason.
 */
@Service
public class InvitationService {

    private static final Logger log = LoggerFactory.getLogger(InvitationService.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_-]{1,50}");

    private final Surveys surveys;
    private final InvitationRepository repository;
    private final InvitationMailer mailer;
    private final TransactionTemplate transactions;
    private final SurveysSettings settings;
    private final List<String> regions;
    private final Clock clock;
    private final InvitationEvents events;

    InvitationService(
            Surveys surveys,
            JdbcClient jdbc,
            JavaMailSender mail,
            TransactionTemplate transactions,
            SurveysSettings settings,
            PulseSettings pulse,
            WarehouseOutbox outbox,
            Optional<Clock> clock) {
        this.surveys = surveys;
        this.repository = new InvitationRepository(jdbc);
        this.mailer = new InvitationMailer(mail, settings.mailFrom());
        this.transactions = transactions;
        this.settings = settings;
        this.regions = List.copyOf(pulse.regions());
        this.clock = clock.orElse(Clock.systemUTC());
        this.events = new InvitationEvents(outbox, pulse);
    }

    /**
     * Invites each customer once, in list order.
     *
     * @param surveyId an ACTIVE survey, else {@link SurveyStateException}
     * @param customers 1 to {@code pulse.surveys.max-invitations-per-request}; a malformed entry refuses the whole request
     * @param by who asks, must not be null
     */
    public InvitationReport invite(String surveyId, List<Recipient> customers, String by) {
        Survey survey = surveys.find(surveyId).orElseThrow(() -> new SurveyNotFoundException(surveyId));
        if (survey.status() != SurveyStatus.ACTIVE) {
            throw new SurveyStateException(survey.status(), "only an active survey can be sent");
        }
        validate(customers);
        Map<SkipReason, Integer> byReason = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            byReason.put(reason, 0);
        }
        List<InvitationReport.Sent> sent = new ArrayList<>();
        List<InvitationReport.Skipped> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Recipient recipient : customers) {
            SkipReason reason = seen.add(recipient.customerId())
                    ? inviteOne(survey, recipient, by, sent)
                    : SkipReason.DUPLICATE_IN_REQUEST;
            if (reason != null) {
                byReason.merge(reason, 1, Integer::sum);
                skipped.add(new InvitationReport.Skipped(recipient.customerId(), reason));
                events.skipped(UUID.randomUUID().toString(), survey.id(), recipient, clock.instant(), reason);
            }
        }
        return new InvitationReport(sent.size(), skipped.size(), byReason, sent, skipped);
    }

    /** The invitation a token belongs to; empty for a malformed or unknown token. */
    public Optional<Invitation> findByToken(String token) {
        return Tokens.wellFormed(token) ? repository.findByTokenHash(Tokens.hash(token)) : Optional.empty();
    }

    /**
     * Uses an invitation's token. Call it in the transaction that stores the response, so that a
     * failed store leaves the token usable.
     *
     * @return false when the token was already used
     */
    public boolean markResponded(String invitationId, Instant now) {
        return repository.markResponded(invitationId, now);
    }

    /**
     * Records the {@code answered} event of an invitation for the warehouse (through the outbox); idempotent.
     * Call it in the transaction that stores the response, so that the event exists exactly when the response does.
     */
    public void recordAnswered(Invitation invitation) {
        events.answered(invitation);
    }

    /**
     * Sends the one reminder of each invitation sent at least {@code after} ago and still unanswered, with a
     * link of its own; an invitation is reminded once, whichever instance gets to it first.
     *
     * @param after how long after sending, must be positive
     * @param limit at most this many reminders in one call
     * @return how many reminders were sent
     */
    public int sendReminders(java.time.Duration after, int limit) {
        int sent = 0;
        for (Invitation i : repository.dueForReminder(clock.instant().minus(after), limit)) {
            Survey survey = surveys.find(i.surveyId()).orElse(null);
            String token = Tokens.newToken();
            try {
                Boolean done = transactions.execute(tx -> {
                    if (!repository.claimReminder(i.id(), Tokens.hash(token), clock.instant())) {
                        return false;
                    }
                    // a closed survey gets no reminder, but the claim stays: it is never reminded later either
                    if (survey != null && survey.status() == SurveyStatus.ACTIVE) {
                        mailer.send(i.email(), i.language(), survey.definition(), link(token, i.language()), true);
                        return true;
                    }
                    return false;
                });
                sent += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (MailException e) {
                log.warn("Reminder of invitation {} not sent, will be tried again: {}", i.id(), e.getMessage());
            }
        }
        return sent;
    }

    /** When the invitation's reminder was sent; empty before (or when there is no such invitation). */
    public Optional<Instant> remindedAt(String invitationId) {
        return repository.remindedAt(invitationId);
    }

    private String link(String token, String language) {
        return settings.publicUrl().toString().replaceAll("/+$", "") + "/s/" + token + "?lang=" + language;
    }

    /** One invitation; null when it was made, else why not. Each customer gets a transaction of its own. */
    private SkipReason inviteOne(Survey survey, Recipient r, String by, List<InvitationReport.Sent> sent) {
        String language = r.language() == null ? SurveyTexts.LANGUAGES.getFirst() : r.language();
        String token = Tokens.newToken();
        String link = link(token, language);
        Invitation invitation = new Invitation(
                UUID.randomUUID().toString(),
                survey.id(),
                r.customerId(),
                r.region(),
                r.email(),
                language,
                r.channel(),
                r.transactionId(),
                clock.instant(),
                null,
                null);
        Boolean made = null;
        // a concurrent first invitation of the same customer surfaces as a duplicate key (PostgreSQL) or a lock
        // conflict (H2); once the other transaction has ended, a retry reads its outcome
        for (int attempt = 1; made == null; attempt++) {
            try {
                made = transactions.execute(tx -> {
                    Instant now = clock.instant();
                    if (!repository.claimContact(r.customerId(), now, now.minus(settings.fatigue()))) {
                        return false;
                    }
                    repository.insert(invitation, Tokens.hash(token), by);
                    // sent inside the transaction: a refused mail leaves no record and no fatigue mark behind
                    mailer.send(r.email(), language, survey.definition(), link);
                    repository.markSent(invitation.id(), clock.instant());
                    // in the outbox with the invitation: a warehouse that is down delays the event, never loses it
                    events.sent(invitation);
                    return true;
                });
            } catch (DuplicateKeyException | TransientDataAccessException e) {
                if (attempt == MAX_ATTEMPTS) {
                    return SkipReason.FATIGUE;
                }
            } catch (MailException e) {
                log.warn("Invitation {} of survey {} not sent: {}", invitation.id(), survey.id(), e.getMessage());
                return SkipReason.SEND_FAILED;
            }
        }
        if (!made) {
            return SkipReason.FATIGUE;
        }
        sent.add(new InvitationReport.Sent(r.customerId(), invitation.id(), link));
        return null;
    }

    private void validate(List<Recipient> customers) {
        if (customers == null || customers.isEmpty()) {
            throw new InvalidFieldException("customers", "at least one customer is required");
        }
        if (customers.size() > settings.maxInvitationsPerRequest()) {
            throw new InvalidFieldException(
                    "customers", "at most " + settings.maxInvitationsPerRequest() + " customers per request");
        }
        List<FieldError> problems = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            String path = "customers[" + i + "]";
            Recipient r = customers.get(i);
            if (r == null) {
                problems.add(new FieldError(path, "must be an object"));
                continue;
            }
            required(problems, path + ".customerId", r.customerId(), 200);
            if (r.region() == null || !regions.contains(r.region())) {
                problems.add(new FieldError(path + ".region", "must be one of " + String.join(" ", regions)));
            }
            if (!EmailAddresses.valid(r.email())) {
                problems.add(new FieldError(path + ".email", "must be an email address"));
            }
            if (r.language() != null && !SurveyTexts.LANGUAGES.contains(r.language())) {
                problems.add(new FieldError(path + ".language", "must be zh or en"));
            }
            if (r.channel() != null && !CHANNEL.matcher(r.channel()).matches()) {
                problems.add(new FieldError(path + ".channel", "must be 1 to 50 letters, digits, '_' or '-'"));
            }
            if (r.transactionId() != null) {
                required(problems, path + ".transactionId", r.transactionId(), 200);
            }
            if (problems.size() >= 100) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFieldException(problems);
        }
    }

    private static void required(List<FieldError> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldError(field, "is required"));
            return;
        }
        String problem = TypedText.problem(value, max, false);
        if (problem != null) {
            problems.add(new FieldError(field, problem));
        }
    }
}
