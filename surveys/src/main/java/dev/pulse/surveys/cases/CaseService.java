package dev.pulse.surveys.cases;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.EmailAddresses;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.tx.AfterCommit;
import dev.pulse.surveys.ResponseAccepted;
import dev.pulse.surveys.SurveysSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The closed loop: an unhappy response (NPS 0–6 or CSAT 1–2) opens a case owned by the first owner of
 * its region and due after {@code pulse.surveys.follow-up-sla}; owners contact the customer and resolve
 * the case; a case nobody contacted in time is escalated to the quality team once. Every change is
 * recorded with who and when. QUALITY and ADMIN see every region, a REGIONAL_MANAGER only the regions
 * of its scope (other cases do not exist for it).
 */
@Service
public class CaseService {

    /** Shown as the actor of automatic steps. */
    public static final String SYSTEM = "system";

    private static final Logger log = LoggerFactory.getLogger(CaseService.class);
    private static final int MAX_NOTE = 10_000;
    private static final int MAX_OUTCOME = 2_000;
    private static final int MAX_LIST = 1_000;
    private static final int MAX_OFFSET = 10_000_000;

    private final CaseRepository repository;
    private final CaseEventSink events;
    private final CaseMailer mailer;
    private final TransactionTemplate transactions;
    private final FollowUpSettings settings;
    private final List<String> regions;
    private final Clock clock;

    CaseService(
            JdbcClient jdbc,
            JavaMailSender mail,
            TransactionTemplate transactions,
            FollowUpSettings settings,
            SurveysSettings surveys,
            PulseSettings pulse,
            Optional<Clock> clock,
            CaseEventSink events) {
        this.repository = new CaseRepository(jdbc);
        this.events = events;
        this.mailer = new CaseMailer(mail, surveys.mailFrom(), pulse.timezone());
        this.transactions = transactions;
        this.settings = settings;
        this.regions = List.copyOf(pulse.regions());
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Whether a response calls for a follow-up: NPS 0–6 or CSAT 1–2. */
    public static boolean unhappy(Integer nps, Integer csat) {
        return (nps != null && nps <= 6) || (csat != null && csat <= 2);
    }

    /**
     * Opens the case of an unhappy response (nothing for a happy one, nothing twice for one response)
     * and mails its owner once the surrounding transaction commits.
     */
    public Optional<FollowUpCase> open(ResponseAccepted response) {
        if (!unhappy(response.npsScore(), response.csatScore())) {
            return Optional.empty();
        }
        return transactions.execute(tx -> {
            Instant now = clock.instant();
            String owner = owners(response.region()).stream().findFirst().orElse(null);
            FollowUpCase c = new FollowUpCase(
                    UUID.randomUUID().toString(),
                    response.eventId(),
                    response.surveyId(),
                    response.customerId(),
                    response.region(),
                    response.npsScore(),
                    response.csatScore(),
                    response.comment(),
                    CaseStatus.OPEN,
                    owner,
                    now,
                    now.plus(settings.followUpSla()),
                    null,
                    null,
                    null,
                    null,
                    false);
            if (!repository.insert(c)) {
                return Optional.<FollowUpCase>empty();
            }
            repository.record(c.id(), now, SYSTEM, "OPENED", owner);
            events.emit("opened", now, c);
            if (owner != null) {
                afterCommit(() -> mailer.assigned(owner, c));
            } else {
                log.warn(
                        "follow-up case {} in region {} has no owner: set pulse.surveys.region-owners",
                        c.id(),
                        c.region());
            }
            return Optional.of(c);
        });
    }

    /**
     * The cases the caller may see, overdue first, then by due time.
     *
     * @param status, region, overdue filters; null means any
     */
    public List<FollowUpCase> list(Caller caller, CaseStatus status, String region, Boolean overdue, int limit) {
        return list(caller, status, region, overdue, limit, 0);
    }

    /** One page of {@link #list}: {@code limit} cases after the first {@code offset}. */
    public List<FollowUpCase> list(
            Caller caller, CaseStatus status, String region, Boolean overdue, int limit, int offset) {
        if (region != null && !regions.contains(region)) {
            throw new InvalidFieldException("region", "unknown region");
        }
        if (limit < 1 || limit > MAX_LIST) {
            throw new InvalidFieldException("limit", "must be between 1 and " + MAX_LIST);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidFieldException("offset", "must be between 0 and " + MAX_OFFSET);
        }
        Set<String> visible = seesAll(caller) ? null : caller.scope().regions();
        return repository.list(visible, status, region, overdue, clock.instant(), limit, offset);
    }

    /** One case, if the caller may see it, else {@link CaseNotFoundException}. */
    public FollowUpCase get(Caller caller, String id) {
        return visible(caller, id);
    }

    /** Every change of a case the caller may see, oldest first. */
    public List<CaseChange> history(Caller caller, String id) {
        visible(caller, id);
        return repository.history(id);
    }

    /** Gives the case to another owner, who is mailed. */
    public FollowUpCase assign(Caller caller, String id, String owner) {
        if (!EmailAddresses.valid(owner)) {
            throw new InvalidFieldException("owner", "an email address is required");
        }
        return change(
                caller,
                id,
                c -> {
                    if (c.status() == CaseStatus.RESOLVED) {
                        throw new CaseStateException(c.status(), "a resolved case cannot be reassigned");
                    }
                    repository.setOwner(id, owner);
                    return "ASSIGNED:" + owner;
                },
                c -> afterCommit(() -> mailer.assigned(owner, c)));
    }

    /** Adds a note (any status). */
    public FollowUpCase note(Caller caller, String id, String text) {
        String note = text("text", text, MAX_NOTE);
        return change(caller, id, c -> "NOTE:" + note, c -> {});
    }

    /** Records that the customer was reached; stops the case from becoming overdue. */
    public FollowUpCase contacted(Caller caller, String id, String note) {
        String detail = note == null ? null : text("note", note, MAX_NOTE);
        return change(
                caller,
                id,
                c -> {
                    if (!repository.markContacted(id, clock.instant())) {
                        throw new CaseStateException(c.status(), "only an open case can be marked contacted");
                    }
                    events.emit("contacted", clock.instant(), c);
                    return "CONTACTED:" + (detail == null ? "" : detail);
                },
                c -> {});
    }

    /** Closes the case with its outcome. */
    public FollowUpCase resolve(Caller caller, String id, String outcome) {
        String text = text("outcome", outcome, MAX_OUTCOME);
        return change(
                caller,
                id,
                c -> {
                    if (!repository.markResolved(id, text, clock.instant())) {
                        throw new CaseStateException(c.status(), "the case is resolved already");
                    }
                    events.emit("resolved", clock.instant(), c);
                    return "RESOLVED:" + text;
                },
                c -> {});
    }

    /**
     * Mails the quality team about each case that became overdue and was never escalated; a case is
     * escalated at most once, even by concurrent runs.
     *
     * @return how many cases were escalated now
     */
    public int escalateOverdue() {
        Instant now = clock.instant();
        int escalated = 0;
        for (FollowUpCase c : repository.overdueNotEscalated(now)) {
            boolean mine = Boolean.TRUE.equals(transactions.execute(tx -> {
                if (!repository.markEscalated(c.id(), now)) {
                    return false;
                }
                repository.record(c.id(), now, SYSTEM, "ESCALATED", String.join(",", settings.qualityTeam()));
                events.emit("escalated", now, c);
                if (!settings.qualityTeam().isEmpty()) {
                    afterCommit(() -> mailer.escalated(settings.qualityTeam(), c));
                }
                return true;
            }));
            escalated += mine ? 1 : 0;
        }
        return escalated;
    }

    /** The owners of every region: stored ones where an ADMIN set them, else the configured defaults. */
    public Map<String, List<String>> owners() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        regions.forEach(r -> all.put(r, owners(r)));
        return all;
    }

    /** Replaces a region's owners (ADMIN); the first owns new cases. */
    public List<String> setOwners(String region, List<String> emails) {
        if (!regions.contains(region)) {
            throw new InvalidFieldException("region", "unknown region");
        }
        if (emails == null || emails.isEmpty() || emails.size() > 50) {
            throw new InvalidFieldException("owners", "between 1 and 50 email addresses are required");
        }
        for (int i = 0; i < emails.size(); i++) {
            String e = emails.get(i);
            if (!EmailAddresses.valid(e)) {
                throw new InvalidFieldException("owners[" + i + "]", "not an email address");
            }
        }
        transactions.executeWithoutResult(tx -> repository.replaceOwners(region, emails));
        return List.copyOf(emails);
    }

    /** The owners of one region: stored ones where an ADMIN set them, else the configured defaults; first owner first. */
    public List<String> owners(String region) {
        List<String> stored = repository.owners(region);
        return stored.isEmpty() ? settings.regionOwners().getOrDefault(region, List.of()) : stored;
    }

    private FollowUpCase change(
            Caller caller,
            String id,
            java.util.function.Function<FollowUpCase, String> apply,
            java.util.function.Consumer<FollowUpCase> then) {
        return transactions.execute(tx -> {
            FollowUpCase before = visible(caller, id);
            String outcome = apply.apply(before);
            int colon = outcome.indexOf(':');
            String detail = outcome.substring(colon + 1);
            repository.record(
                    id, clock.instant(), caller.name(), outcome.substring(0, colon), detail.isEmpty() ? null : detail);
            FollowUpCase after = repository.find(id, clock.instant()).orElseThrow();
            then.accept(after);
            return after;
        });
    }

    private FollowUpCase visible(Caller caller, String id) {
        FollowUpCase c = repository.find(id, clock.instant()).orElseThrow(() -> new CaseNotFoundException(id));
        if (!seesAll(caller) && !caller.scope().allows(c.region())) {
            throw new CaseNotFoundException(id);
        }
        return c;
    }

    private static boolean seesAll(Caller caller) {
        return caller.role() == Role.QUALITY || caller.role() == Role.ADMIN;
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new InvalidFieldException(field, "at most " + max + " characters");
        }
        if (value.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
            throw new InvalidFieldException(field, "control characters are not allowed");
        }
        return value.strip();
    }

    private static void afterCommit(Runnable mail) {
        Runnable guarded = () -> {
            try {
                mail.run();
            } catch (MailException e) {
                log.warn("case mail not sent: {}", e.getMessage());
            }
        };
        AfterCommit.run(guarded);
    }
}
