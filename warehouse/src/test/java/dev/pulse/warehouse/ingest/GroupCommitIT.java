package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.EngineHealth;
import dev.pulse.warehouse.IngestSettings;
import dev.pulse.warehouse.Ingestion.BodyFormat;
import dev.pulse.warehouse.Ingestion.IngestResult;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.WriteWatermark;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests count as if they had run one after the other in arrival order: a request that
 * shares a key with an insert in flight waits for it, and requests that arrive meanwhile are stored
 * together with it, in one insert; a failed insert fails the requests it held and a later request
 * stores those rows; a request with no key in flight does not wait for another's insert.
 */
class GroupCommitIT {

    static ClickHouseEngine real;
    static PulseSettings pulse;
    GatedEngine engine;
    IngestService ingestion;
    String run;

    @BeforeAll
    static void open() {
        real = ItWarehouse.open();
        pulse = ItWarehouse.PULSE;
    }

    @AfterAll
    static void close() {
        real.close();
    }

    @BeforeEach
    void fresh() {
        run = UUID.randomUUID().toString().substring(0, 8);
        engine = new GatedEngine(real);
        ingestion = new IngestService(engine, pulse, IngestSettings.defaults(), new WriteWatermark());
    }

    @Test
    void requestsArrivingDuringACommitAreStoredTogetherByTheNextOneAndCountInArrivalOrder() throws Exception {
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            Future<IngestResult> first = pool.submit(() -> ingest(range(1, 10)));
            engine.awaitBlockedInsert();
            List<Future<IngestResult>> waiting = new ArrayList<>();
            for (List<Integer> batch :
                    List.of(range(5, 15), concat(range(12, 20), List.of(12)), range(1, 3), range(100, 101))) {
                waiting.add(queued(pool, batch));
            }
            engine.release();

            assertThat(first.get()).isEqualTo(new IngestResult(10, 0, List.of(), true));
            assertThat(waiting.get(0).get()).isEqualTo(new IngestResult(5, 6, List.of(), true));
            assertThat(waiting.get(1).get()).isEqualTo(new IngestResult(5, 5, List.of(), true));
            assertThat(waiting.get(2).get()).isEqualTo(new IngestResult(0, 3, List.of(), true));
            assertThat(waiting.get(3).get()).isEqualTo(new IngestResult(2, 0, List.of(), true));
        }
        assertThat(engine.inserts.get())
                .as("the blocked insert, then one for the four requests that waited")
                .isEqualTo(2);
        assertThat(stored()).isEqualTo(22);
    }

    @Test
    void aFailedInsertFailsTheRequestsItHeldAndALaterRequestStoresTheirRows() throws Exception {
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            Future<IngestResult> first = pool.submit(() -> ingest(range(1, 2)));
            engine.awaitBlockedInsert();
            List<Future<IngestResult>> waiting = new ArrayList<>();
            for (List<Integer> batch : List.of(range(1, 4), range(2, 6))) {
                waiting.add(queued(pool, batch));
            }
            engine.failNext = true;
            engine.release();

            assertThat(first.get().accepted()).isEqualTo(2);
            for (Future<IngestResult> failed : waiting) {
                assertThatThrownBy(failed::get)
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(EngineException.class)
                        .hasMessageContaining("disk full");
            }
        }
        assertThat(stored()).isEqualTo(2);
        // nothing of the failed commit was stored: a retry looks 3 to 6 up afresh and stores them
        assertThat(ingest(range(1, 6))).isEqualTo(new IngestResult(4, 2, List.of(), true));
        assertThat(stored()).isEqualTo(6);
    }

    @Test
    void aRequestWithNoKeyInFlightIsStoredWhileAnotherInsertStillRuns() throws Exception {
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            Future<IngestResult> first = pool.submit(() -> ingest(range(1, 2)));
            engine.awaitBlockedInsert();
            Future<IngestResult> other = pool.submit(() -> ingest(range(50, 52)));

            assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(new IngestResult(3, 0, List.of(), true));
            assertThat(first).isNotDone();
            engine.release();
            assertThat(first.get()).isEqualTo(new IngestResult(2, 0, List.of(), true));
        }
        assertThat(stored()).isEqualTo(5);
    }

    @Test
    void aSmallGroupWaitsForARequestStillBeingReadAndStoresBothInOneInsert() throws Exception {
        engine.release(); // no insert is held back here
        IngestService patient = new IngestService(
                engine,
                pulse,
                IngestSettings.defaults(),
                new WriteWatermark(),
                java.time.Clock.systemUTC(),
                Duration.ofSeconds(30));
        CountDownLatch bodyMayEnd = new CountDownLatch(1);
        CountDownLatch bodyWaits = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            // a request whose body is still arriving: announced, being read
            Future<IngestResult> slow = pool.submit(() -> patient.ingest(
                    "transactions",
                    new java.io.SequenceInputStream(
                            new ByteArrayInputStream(body(range(10, 11)).getBytes(StandardCharsets.UTF_8)),
                            new java.io.InputStream() {
                                @Override
                                public int read() throws java.io.IOException {
                                    try {
                                        bodyWaits.countDown();
                                        bodyMayEnd.await();
                                    } catch (InterruptedException e) {
                                        throw new java.io.InterruptedIOException();
                                    }
                                    return -1;
                                }
                            }),
                    BodyFormat.NDJSON,
                    false));
            assertThat(bodyWaits.await(30, TimeUnit.SECONDS))
                    .as("the slow request is being read")
                    .isTrue();
            Future<IngestResult> quick = pool.submit(() -> patient.ingest(
                    "transactions",
                    new ByteArrayInputStream(body(range(1, 3)).getBytes(StandardCharsets.UTF_8)),
                    BodyFormat.NDJSON,
                    false));
            await("the quick request waits for the request being read")
                    .during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> !quick.isDone());
            assertThat(engine.inserts.get()).isZero();

            bodyMayEnd.countDown();
            assertThat(quick.get(30, TimeUnit.SECONDS)).isEqualTo(new IngestResult(3, 0, List.of(), true));
            assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo(new IngestResult(2, 0, List.of(), true));
        }
        assertThat(engine.inserts.get()).as("one insert for both").isEqualTo(1);
        assertThat(stored()).isEqualTo(5);
    }

    @Test
    void anErrorInAnInsertFailsItsGroupGivesItsPermitBackAndTheNextIngestStoresTheRows() throws Exception {
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            Future<IngestResult> first = pool.submit(() -> ingest(range(1, 2)));
            engine.awaitBlockedInsert();
            List<Future<IngestResult>> waiting = new ArrayList<>();
            for (List<Integer> batch : List.of(range(1, 4), range(2, 6))) {
                waiting.add(queued(pool, batch));
            }
            engine.errorNext = new OutOfMemoryError("injected");
            engine.release();

            assertThat(first.get()).isEqualTo(new IngestResult(2, 0, List.of(), true));
            for (Future<IngestResult> failed : waiting) {
                assertThatThrownBy(failed::get)
                        .isInstanceOf(ExecutionException.class)
                        .satisfies(e -> assertThat(rootCause(e))
                                .isInstanceOf(OutOfMemoryError.class)
                                .hasMessage("injected"));
            }
        }
        assertThat(ingestion.commits().freeInserts("transactions")).isEqualTo(GroupCommit.INSERTS_IN_FLIGHT);
        assertThat(ingestion.commits().busy("transactions")).isZero();
        assertThat(stored()).as("only the acknowledged rows").isEqualTo(2);
        assertThat(ingest(range(1, 6))).isEqualTo(new IngestResult(4, 2, List.of(), true));
        assertThat(ingest(range(1, 6))).as("nothing stored twice").isEqualTo(new IngestResult(0, 6, List.of(), true));
        assertThat(stored()).isEqualTo(6);
    }

    @Test
    void anInterruptedRequestWaitingForTheCommitLockLeavesTheQueueAndStoresNothing() throws Exception {
        try (ExecutorService pool = Executors.newCachedThreadPool()) {
            Future<IngestResult> first = pool.submit(() -> ingest(range(1, 2)));
            engine.awaitBlockedInsert();
            // plans its group under the lock and waits there for the insert of keys 1 and 2
            Future<IngestResult> sharing = queued(pool, range(1, 4));
            Thread[] thread = new Thread[1];
            CountDownLatch started = new CountDownLatch(1);
            Future<IngestResult> interrupted = pool.submit(() -> {
                thread[0] = Thread.currentThread();
                started.countDown();
                return ingest(range(50, 52));
            });
            started.await();
            awaitParked(thread[0]);
            thread[0].interrupt();

            assertThatThrownBy(() -> interrupted.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .hasMessageContaining("interrupted while waiting to store the batch");
            engine.release();
            assertThat(first.get()).isEqualTo(new IngestResult(2, 0, List.of(), true));
            assertThat(sharing.get()).isEqualTo(new IngestResult(2, 2, List.of(), true));
        }
        assertThat(ingestion.commits().freeInserts("transactions")).isEqualTo(GroupCommit.INSERTS_IN_FLIGHT);
        assertThat(ingestion.commits().busy("transactions")).isZero();
        assertThat(stored()).as("nothing of the interrupted request").isEqualTo(4);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Starts a request on another thread and returns once it waits behind the running commit. */
    private Future<IngestResult> queued(ExecutorService pool, List<Integer> batch) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread[] thread = new Thread[1];
        Future<IngestResult> result = pool.submit(() -> {
            thread[0] = Thread.currentThread();
            started.countDown();
            return ingest(batch);
        });
        started.await();
        awaitParked(thread[0]);
        return result;
    }

    private IngestResult ingest(List<Integer> ids) {
        return ingestion.ingest(
                "transactions",
                new ByteArrayInputStream(body(ids).getBytes(StandardCharsets.UTF_8)),
                BodyFormat.NDJSON,
                false);
    }

    private String body(List<Integer> ids) {
        return String.join("\n", ids.stream().map(i -> """
                {"event_id":"%s-%d","transaction_id":"t%d","customer_id":"c","ts":"2026-05-01T08:00:00Z","amount":1.50,"region":"华东"}""".formatted(run, i, i)).toList()) + "\n";
    }

    private long stored() {
        return ((Number) real.query(
                                "SELECT count() FROM transactions WHERE startsWith(event_id, {p:String})",
                                Map.of("p", run + "-"))
                        .single())
                .longValue();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Waits until {@code thread} blocks, which here means it queued its rows and waits for the commit
     * lock or for the insert in flight that holds some of its keys.
     */
    private static void awaitParked(Thread thread) throws InterruptedException {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(thread.getState()).isEqualTo(Thread.State.WAITING));
    }

    /** The real engine, except that the first insert waits for {@link #release()} and one insert may fail. */
    static final class GatedEngine implements ClickHouseEngine {
        final ClickHouseEngine engine;
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        final AtomicInteger inserts = new AtomicInteger();
        volatile boolean failNext;
        /** Thrown by the next insert after the blocked one, once. */
        volatile Error errorNext;

        GatedEngine(ClickHouseEngine engine) {
            this.engine = engine;
        }

        void awaitBlockedInsert() throws InterruptedException {
            assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public void insert(String table, InputFormat format, byte[] data) {
            if (inserts.incrementAndGet() == 1) {
                blocked.countDown();
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (errorNext != null) {
                Error error = errorNext;
                errorNext = null;
                throw error;
            } else if (failNext) {
                failNext = false;
                throw new EngineException(243, "disk full");
            }
            engine.insert(table, format, data);
        }

        @Override
        public void execute(String sql) {
            engine.execute(sql);
        }

        @Override
        public QueryResult query(String sql, Map<String, ?> params) {
            return engine.query(sql, params);
        }

        @Override
        public EngineHealth health() {
            return engine.health();
        }

        @Override
        public void close() {}
    }
}
