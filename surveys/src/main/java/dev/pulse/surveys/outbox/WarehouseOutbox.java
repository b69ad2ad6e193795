package dev.pulse.surveys.outbox;

import dev.pulse.kernel.tx.AfterCommit;
import dev.pulse.surveys.outbox.OutboxRepository.Pending;
import dev.pulse.warehouse.Ingestion;
import dev.pulse.warehouse.IngestionException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warehouse events that must not be lost although the warehouse may be down: each is recorded in the operational
 * database in the transaction of the change it describes, sent once that transaction commits, and sent again
 * with growing pauses ({@link #deliverDue()}) until the warehouse takes it. The event id is part of the recorded
 * event, so every attempt sends the same id and the warehouse, which stores an id once, keeps one copy. An event
 * the warehouse refuses as invalid {@code max-attempts} times becomes a {@link DeadLetter}, retried no more
 * until an ADMIN queues it again ({@link #retry}); a warehouse that is down is no refusal, and is waited for.
 */
@Component
public class WarehouseOutbox {

    /** How long an attempt holds an event before another instance (or the relay) may try it again. */
    static final Duration LEASE = Duration.ofMinutes(1);

    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(WarehouseOutbox.class);

    private final OutboxRepository repository;
    private final Ingestion ingestion;
    private final TransactionTemplate ownTransaction;
    private final OutboxSettings settings;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    /** After a failed attempt, new events wait for the relay until then, so a request of many changes does not wait on a warehouse that is down once per change. */
    private volatile Instant quietUntil = Instant.MIN;

    /** Wires the outbox; {@code clock} is the system clock unless a test supplies one. */
    public WarehouseOutbox(
            JdbcClient jdbc,
            Ingestion ingestion,
            TransactionTemplate transactions,
            OutboxSettings settings,
            Optional<Clock> clock) {
        this.repository = new OutboxRepository(jdbc);
        this.ingestion = ingestion;
        // bookkeeping after a commit must not join the finished transaction, whose connection no longer commits
        this.ownTransaction = new TransactionTemplate(transactions.getTransactionManager());
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = settings;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Records an event in the current transaction (or at once, without one) and sends it after the commit;
     * a failed send is retried later, a rolled-back transaction leaves nothing to send. Within {@code first-retry}
     * after a failed attempt, an event is only recorded, due at once for the relay. An event whose stream
     * and id are recorded already is not recorded again.
     *
     * @param stream the warehouse stream, e.g. {@code survey-invitations}, must not be null
     * @param event one record of that stream with its {@code event_id}, must not be null
     */
    public void add(String stream, Map<String, Object> event) {
        Object eventId = event.get("event_id");
        if (!(eventId instanceof String id) || id.isBlank()) {
            throw new IllegalArgumentException("an outbox event needs its event_id");
        }
        Instant now = clock.instant();
        boolean quiet = now.isBefore(quietUntil);
        Pending pending = new Pending(stream, id, json.writeValueAsString(event), 0, quiet ? now : now.plus(LEASE));
        if (!repository.insert(pending, now) || quiet) {
            return;
        }
        AfterCommit.run(() -> attempt(pending));
    }

    /**
     * Sends every event whose next attempt is due, oldest first (at most 500 a call), and forgets events
     * delivered longer than {@code keep-delivered} ago. Safe to run on several instances at once.
     *
     * @return how many events were delivered now
     */
    public int deliverDue() {
        Instant now = clock.instant();
        int delivered = 0;
        for (Pending due : repository.due(now, BATCH)) {
            Pending mine = repository.claim(due, now.plus(LEASE));
            if (mine != null && attempt(mine)) {
                delivered++;
            }
        }
        repository.forgetDeliveredBefore(now.minus(settings.keepDelivered()));
        return delivered;
    }

    /** How many recorded events the warehouse has not taken yet, dead letters aside. */
    public long pending() {
        return repository.pending();
    }

    /** How many events are dead letters. */
    public long deadLetterCount() {
        return repository.deadLetterCount();
    }

    /**
     * The dead letters, newest first.
     *
     * @param limit at most this many, at least 1
     */
    public List<DeadLetter> deadLetters(int limit) {
        return repository.deadLetters(limit);
    }

    /**
     * Queues a dead letter again, due at once for the relay, with a fresh count of refusals.
     *
     * @param stream its stream, must not be null
     * @param eventId its event id, must not be null
     * @return false when there is no such dead letter
     */
    public boolean retry(String stream, String eventId) {
        boolean requeued = repository.requeue(stream, eventId, clock.instant());
        if (requeued) {
            log.info("{} event {} queued again from the dead letters", stream, eventId);
        }
        return requeued;
    }

    /** How many delivery attempts an event has had; -1 when no such event is recorded. */
    public int attempts(String stream, String eventId) {
        return repository.attempts(stream, eventId);
    }

    /** One delivery attempt; never throws, so that a commit it follows is never reported as failed. */
    private boolean attempt(Pending p) {
        String refusal;
        try {
            Ingestion.IngestResult result = ingestion.ingest(
                    p.stream(),
                    new ByteArrayInputStream((p.payload() + "\n").getBytes(StandardCharsets.UTF_8)),
                    Ingestion.BodyFormat.NDJSON,
                    true);
            Ingestion.Rejection r =
                    result.rejected().isEmpty() ? null : result.rejected().getFirst();
            refusal = r == null ? null : "the warehouse refused the event: " + r.field() + " " + r.error();
        } catch (IngestionException e) {
            refusal = "the warehouse refused the event: " + e.getMessage();
        } catch (RuntimeException e) {
            failed(p, e);
            return false;
        }
        if (refusal != null) {
            refused(p, refusal);
            return false;
        }
        try {
            ownTransaction.executeWithoutResult(tx -> repository.delivered(p, clock.instant()));
        } catch (RuntimeException e) {
            // delivered but not marked: it is sent again later and the warehouse keeps one copy
            log.warn("{} event {} delivered but not marked delivered: {}", p.stream(), p.eventId(), e.toString());
        }
        return true;
    }

    /** The event itself is at fault: counted towards a dead letter, and retried meanwhile in case the warehouse changed. */
    private void refused(Pending p, String refusal) {
        Duration pause = settings.pauseAfter(p.attempts() + 1);
        try {
            boolean dead = ownTransaction.execute(tx -> repository.refused(
                    p, refusal, clock.instant().plus(pause), settings.maxAttempts(), clock.instant()));
            if (Boolean.TRUE.equals(dead)) {
                log.warn(
                        "{} event {} refused {} times, now a dead letter (see /admin/outbox): {}",
                        p.stream(),
                        p.eventId(),
                        settings.maxAttempts(),
                        refusal);
            } else {
                log.warn(
                        "{} event {} refused (attempt {}), next attempt in {}: {}",
                        p.stream(),
                        p.eventId(),
                        p.attempts() + 1,
                        pause,
                        refusal);
            }
        } catch (RuntimeException again) {
            log.warn(
                    "{} event {}: refusal not recorded, tried again after the lease: {}",
                    p.stream(),
                    p.eventId(),
                    again.toString());
        }
    }

    private void failed(Pending p, RuntimeException e) {
        quietUntil = clock.instant().plus(settings.firstRetry());
        Duration pause = settings.pauseAfter(p.attempts() + 1);
        log.warn(
                "{} event {} not delivered to the warehouse (attempt {}), next attempt in {}: {}",
                p.stream(),
                p.eventId(),
                p.attempts() + 1,
                pause,
                e.toString());
        try {
            String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            ownTransaction.executeWithoutResult(
                    tx -> repository.failed(p, error, clock.instant().plus(pause)));
        } catch (RuntimeException again) {
            log.warn(
                    "{} event {}: failure not recorded, tried again after the lease: {}",
                    p.stream(),
                    p.eventId(),
                    again.toString());
        }
    }
}
