package dev.pulse.surveys.rules;

import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.InvalidFieldException.FieldError;
import dev.pulse.surveys.InvitationRulesSettings;
import dev.pulse.surveys.SurveyNotFoundException;
import dev.pulse.surveys.SurveyStateException;
import dev.pulse.surveys.Surveys;
import dev.pulse.surveys.invitation.InvitationService;
import dev.pulse.surveys.invitation.Recipient;
import dev.pulse.warehouse.metrics.TriggerEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Invitation rules: kept in the operational database, evaluated against the warehouse's
 * {@link TriggerEvents} by {@link #run()}. Each rule reads the events that became due since its cursor; an event is acted on
 * by the one instance whose claim row is stored first, and the invitation itself obeys the
 * contact-fatigue rule like any other.
 */
@Service
public class InvitationRuleService {

    private static final Logger log = LoggerFactory.getLogger(InvitationRuleService.class);
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    private static final int MAX_DELAY_HOURS = 24 * 366;

    private final Surveys surveys;
    private final InvitationService invitations;
    private final TriggerEvents warehouse;
    private final RuleRepository repository;
    private final InvitationRulesSettings settings;
    private final Clock clock;

    InvitationRuleService(
            Surveys surveys,
            InvitationService invitations,
            TriggerEvents warehouse,
            JdbcClient jdbc,
            InvitationRulesSettings settings,
            Optional<Clock> clock) {
        this.surveys = surveys;
        this.invitations = invitations;
        this.warehouse = warehouse;
        this.repository = new RuleRepository(jdbc);
        this.settings = settings;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Creates a rule; it reacts to events that become due from now on.
     *
     * @param trigger {@code TRANSACTION} or {@code FEEDBACK_RESOLVED}
     * @param channel required for {@code TRANSACTION}, refused otherwise
     * @param delayHours 0 to 8784
     * @throws InvalidFieldException naming each field at fault
     */
    public InvitationRule create(String surveyId, String trigger, String channel, Integer delayHours, String by) {
        List<FieldError> problems = new ArrayList<>();
        InvitationRule.Trigger kind = null;
        try {
            kind = trigger == null ? null : InvitationRule.Trigger.valueOf(trigger);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (kind == null) {
            problems.add(new FieldError("trigger", "must be TRANSACTION or FEEDBACK_RESOLVED"));
        }
        if (surveyId == null || surveyId.isBlank()) {
            problems.add(new FieldError("surveyId", "is required"));
        } else if (surveys.find(surveyId).isEmpty()) {
            problems.add(new FieldError("surveyId", "no such survey"));
        }
        if (kind == InvitationRule.Trigger.TRANSACTION
                && (channel == null || !CHANNEL.matcher(channel).matches())) {
            problems.add(new FieldError("channel", "must be 1 to 50 letters, digits, '_' or '-'"));
        }
        if (kind == InvitationRule.Trigger.FEEDBACK_RESOLVED && channel != null) {
            problems.add(new FieldError("channel", "is only allowed with trigger TRANSACTION"));
        }
        if (delayHours == null || delayHours < 0 || delayHours > MAX_DELAY_HOURS) {
            problems.add(new FieldError("delayHours", "must be 0 to " + MAX_DELAY_HOURS));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFieldException(problems);
        }
        Instant now = clock.instant();
        InvitationRule rule =
                new InvitationRule(UUID.randomUUID().toString(), surveyId, kind, channel, delayHours, true, now, by);
        repository.insert(rule, now.minus(Duration.ofHours(delayHours)));
        return rule;
    }

    /** Every rule, the inactive ones too, oldest first. */
    public List<InvitationRule> list() {
        return repository.all();
    }

    /** Stops a rule; it stays listed. */
    public InvitationRule deactivate(String id) {
        if (!repository.deactivate(id)) {
            throw new InvalidFieldException("id", "no such rule");
        }
        return repository.find(id).orElseThrow();
    }

    /** One run of the job: every active rule, then the reminders; a failing rule does not stop the others. */
    public void run() {
        for (InvitationRule rule : repository.active()) {
            try {
                evaluate(rule);
            } catch (RuntimeException e) {
                log.warn("Invitation rule {} not evaluated: {}", rule.id(), e.getMessage());
            }
        }
        if (settings.reminderDays() > 0) {
            int reminded = invitations.sendReminders(Duration.ofDays(settings.reminderDays()), settings.batchSize());
            if (reminded > 0) {
                log.info("Sent {} survey reminders", reminded);
            }
        }
    }

    /** Invites for one rule the customers of the events due since its cursor; returns how many events it claimed. */
    int evaluate(InvitationRule rule) {
        Instant due = clock.instant().minus(Duration.ofHours(rule.delayHours()));
        Instant cursor = repository.cursor(rule.id());
        if (cursor.isAfter(due)) {
            return 0;
        }
        TriggerEvents.Kind kind = switch (rule.trigger()) {
            case TRANSACTION -> TriggerEvents.Kind.TRANSACTION;
            case FEEDBACK_RESOLVED -> TriggerEvents.Kind.FEEDBACK_RESOLVED;
        };
        int claimed = 0;
        Instant last = cursor;
        for (TriggerEvents.Event event : warehouse.between(kind, rule.channel(), cursor, due, settings.batchSize())) {
            last = event.at().isAfter(last) ? event.at() : last;
            try {
                repository.claim(rule.id(), event.id(), clock.instant());
            } catch (DuplicateKeyException e) {
                continue; // another instance, or an earlier run, acted on it
            }
            claimed++;
            invite(rule, event);
        }
        repository.advance(rule.id(), last);
        return claimed;
    }

    private void invite(InvitationRule rule, TriggerEvents.Event e) {
        if (e.email().isBlank()) {
            log.info("Rule {}: customer {} has no email address, not invited", rule.id(), e.customerId());
            return;
        }
        try {
            // the warehouse takes any text as a channel; one an invitation cannot carry is left out rather than the
            // customer
            String channel = CHANNEL.matcher(e.channel()).matches() ? e.channel() : null;
            invitations.invite(
                    rule.surveyId(),
                    List.of(new Recipient(e.customerId(), e.region(), e.email(), null, channel, e.transactionId())),
                    "rule " + rule.id());
        } catch (InvalidFieldException | SurveyStateException | SurveyNotFoundException ex) {
            log.info("Rule {}: customer {} not invited: {}", rule.id(), e.customerId(), ex.getMessage());
        }
    }
}
