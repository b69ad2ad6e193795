package dev.pulse.surveys.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.surveys.RecordingIngestion;
import dev.pulse.surveys.TestClock;
import dev.pulse.surveys.TestDatabase;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.Ingestion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An event the warehouse refuses as invalid {@code max-attempts} times becomes a dead letter, tried no more,
 * until it is queued again; a warehouse that fails (down, engine error) is no refusal and is retried for
 * good. On H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Vendor.class)
class DeadLettersIT {

    static final int MAX_ATTEMPTS = 3;
    static TestDatabase db;

    @Parameter
    TestDatabase.Vendor vendor;

    final TestClock clock = new TestClock(Instant.parse("2026-05-01T02:00:00Z"));
    final RecordingIngestion warehouse = new RecordingIngestion();
    /** What the warehouse does with the next event: stores it (null), refuses it, or fails. */
    final AtomicReference<String> answer = new AtomicReference<>();

    WarehouseOutbox outbox;

    @BeforeParameterizedClassInvocation
    static void open(TestDatabase.Vendor vendor) {
        db = TestDatabase.open(vendor);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        db.close();
    }

    @BeforeEach
    void outbox() {
        db.jdbc().sql("DELETE FROM warehouse_outbox").update();
        Ingestion ingestion = (stream, body, format, atomic) -> switch (answer.get()) {
            case null -> warehouse.ingest(stream, body, format, atomic);
            case "refuse" ->
                new Ingestion.IngestResult(
                        0,
                        0,
                        List.of(new Ingestion.Rejection(1, "status", "must be one of OPENED, CONTACTED, RESOLVED <b>")),
                        false);
            default -> throw new EngineException(210, "connection refused");
        };
        outbox = new WarehouseOutbox(
                db.jdbc(),
                ingestion,
                db.transactions(),
                new OutboxSettings(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(10),
                        Duration.ofDays(7),
                        MAX_ATTEMPTS),
                Optional.of(clock));
    }

    @Test
    void anEventRefusedMaxAttemptsTimesIsADeadLetterAndTriedNoMore() {
        answer.set("refuse");
        outbox.add("case-events", Map.of("event_id", "e-1", "status", "LOST"));
        for (int attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
            assertThat(outbox.deadLetterCount())
                    .as("after %d refusals", attempt - 1)
                    .isZero();
            clock.advance(Duration.ofMinutes(11));
            assertThat(outbox.deliverDue()).isZero();
        }

        assertThat(outbox.deadLetterCount()).isEqualTo(1);
        assertThat(outbox.pending()).as("a dead letter waits for nobody").isZero();
        assertThat(outbox.deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.stream()).isEqualTo("case-events");
            assertThat(dead.eventId()).isEqualTo("e-1");
            assertThat(dead.attempts()).isEqualTo(MAX_ATTEMPTS);
            assertThat(dead.lastError())
                    .isEqualTo(
                            "the warehouse refused the event: status must be one of OPENED, CONTACTED, RESOLVED <b>");
            assertThat(dead.deadAt()).isEqualTo(clock.instant());
        });
        clock.advance(Duration.ofHours(1));
        assertThat(outbox.deliverDue()).isZero();
        assertThat(outbox.attempts("case-events", "e-1")).as("tried no more").isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void aWarehouseThatFailsIsRetriedBeyondMaxAttemptsAndNeverMakesADeadLetter() {
        answer.set("fail");
        outbox.add("case-events", Map.of("event_id", "e-2"));
        for (int i = 0; i < 2 * MAX_ATTEMPTS; i++) {
            clock.advance(Duration.ofMinutes(11));
            assertThat(outbox.deliverDue()).isZero();
        }

        assertThat(outbox.attempts("case-events", "e-2")).isEqualTo(2 * MAX_ATTEMPTS + 1);
        assertThat(outbox.deadLetterCount()).isZero();
        assertThat(outbox.pending()).isEqualTo(1);

        answer.set(null);
        clock.advance(Duration.ofMinutes(11));
        assertThat(outbox.deliverDue()).isEqualTo(1);
        assertThat(warehouse.events("case-events")).hasSize(1);
    }

    @Test
    void aDeadLetterQueuedAgainIsDeliveredOnceTheWarehouseTakesIt() {
        answer.set("refuse");
        outbox.add("case-events", Map.of("event_id", "e-3"));
        for (int i = 1; i < MAX_ATTEMPTS; i++) {
            clock.advance(Duration.ofMinutes(11));
            outbox.deliverDue();
        }
        assertThat(outbox.deadLetterCount()).isEqualTo(1);
        assertThat(outbox.retry("case-events", "no-such-event")).isFalse();

        answer.set(null); // e.g. the warehouse's schema learned the new status
        assertThat(outbox.retry("case-events", "e-3")).isTrue();
        assertThat(outbox.retry("case-events", "e-3")).as("queued already").isFalse();
        assertThat(outbox.deadLetterCount()).isZero();
        assertThat(outbox.pending()).isEqualTo(1);

        assertThat(outbox.deliverDue()).as("due at once").isEqualTo(1);
        assertThat(warehouse.events("case-events"))
                .singleElement()
                .satisfies(event -> assertThat(event.get("event_id").asString()).isEqualTo("e-3"));
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aDeadLetterQueuedAgainAndStillRefusedHasItsFullNumberOfAttemptsAgain() {
        answer.set("refuse");
        outbox.add("case-events", Map.of("event_id", "e-4"));
        for (int i = 1; i < MAX_ATTEMPTS; i++) {
            clock.advance(Duration.ofMinutes(11));
            outbox.deliverDue();
        }
        assertThat(outbox.retry("case-events", "e-4")).isTrue();

        outbox.deliverDue();
        assertThat(outbox.deadLetterCount())
                .as("one refusal of %d", MAX_ATTEMPTS)
                .isZero();
        for (int i = 1; i < MAX_ATTEMPTS; i++) {
            clock.advance(Duration.ofMinutes(11));
            outbox.deliverDue();
        }
        assertThat(outbox.deadLetterCount()).isEqualTo(1);
        assertThat(outbox.attempts("case-events", "e-4")).isEqualTo(2 * MAX_ATTEMPTS);
    }
}
