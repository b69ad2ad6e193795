package dev.pulse.reporting.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.RunRequest;
import dev.pulse.reporting.RunStatus;
import dev.pulse.reporting.SeedData;
import dev.pulse.reporting.TooManyRunsException;
import dev.pulse.reporting.data.ReportDataService;
import dev.pulse.reporting.render.ReportRenderer;
import dev.pulse.warehouse.ClickHouseEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several instances (several services here) over one operational database. The run queue is bounded
 * per caller and in total, across instances. Leases: a run
 * held under a live lease stays with its owner, whose heartbeat keeps it; a run whose lease ran out is
 * taken over by exactly one instance and rendered once; two instances that claim one run at once
 * render it once.
 */
@SpringBootTest
class RunInstancesIT {

    static final Duration LEASE = Duration.ofMinutes(2);
    static final RunRequest EAST_MAY = new RunRequest(
            ReportKind.REGIONAL_PERFORMANCE, "华东", LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1), "pdf");

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ReportDataService data;

    @Autowired
    ReportRenderer renderer;

    @Autowired
    PulseSettings pulse;

    @TempDir
    Path files;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final List<ReportRunService> instances = new ArrayList<>();
    String requester;

    @BeforeEach
    void seed() {
        SeedData.load(engine);
        requester = "lease-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stop() {
        instances.forEach(ReportRunService::close);
    }

    @Test
    void aRunUnderAnotherInstancesLiveLeaseStaysWithItAndItsHeartbeatKeepsIt() {
        MovableClock aClock = new MovableClock(start);
        MovableClock bClock = new MovableClock(start);
        ReportRunService a = instance("a-" + requester, aClock);
        ReportRunService b = instance("b-" + requester, bClock);
        String id = insertRun(RunStatus.RUNNING, "a-" + requester, start.plus(LEASE));

        bClock.set(start.plus(LEASE).minusSeconds(1));
        assertThat(b.takeOverExpired()).doesNotContain(id);
        aClock.set(start.plus(Duration.ofMinutes(1)));
        a.beat(); // renews the lease to start + 3 min
        bClock.set(start.plus(LEASE).plusSeconds(1));
        assertThat(b.takeOverExpired()).as("a renewed its lease").doesNotContain(id);
        assertThat(row(id))
                .containsEntry("status", "RUNNING")
                .containsEntry("owner", "a-" + requester)
                .containsEntry("attempts", 0);

        // a is gone: no beat renews the lease, which runs out
        bClock.set(start.plus(Duration.ofMinutes(3)).plusSeconds(1));
        assertThat(b.takeOverExpired()).contains(id);

        awaitStatus(id, "SUCCEEDED");
        assertThat(row(id)).containsEntry("owner", "b-" + requester).containsEntry("attempts", 1);
        assertThat(archived(id)).isEqualTo(1);
    }

    @Test
    void aRunWhoseLeaseRanOutIsTakenOverByOneOfTwoInstancesAndRenderedOnce() throws Exception {
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        ReportRunService a = instance("a-" + requester, clock);
        ReportRunService b = instance("b-" + requester, clock);
        String id = insertRun(RunStatus.RUNNING, "gone-" + requester, start.minusSeconds(1));

        List<List<String>> taken = together(a::takeOverExpired, b::takeOverExpired);

        assertThat(taken.stream().filter(ids -> ids.contains(id)))
                .as("taken over once")
                .hasSize(1);
        awaitStatus(id, "SUCCEEDED");
        assertThat(row(id)).containsEntry("attempts", 1);
        assertThat(archived(id)).as("rendered once").isEqualTo(1);
        // both look again: the run is finished, nobody takes it
        assertThat(together(a::takeOverExpired, b::takeOverExpired))
                .allSatisfy(ids -> assertThat(ids).doesNotContain(id));
    }

    @Test
    void twoInstancesClaimingTheSameQueuedRunsAtOnceRenderEachOnce() throws Exception {
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        ReportRunService a = instance("a-" + requester, clock);
        ReportRunService b = instance("b-" + requester, clock);
        for (int i = 0; i < 4; i++) {
            String id = insertRun(RunStatus.QUEUED, null, null);

            together(
                    () -> {
                        a.execute(id);
                        return id;
                    },
                    () -> {
                        b.execute(id);
                        return id;
                    });

            assertThat(row(id)).containsEntry("status", "SUCCEEDED").containsEntry("attempts", 1);
            assertThat(archived(id)).isEqualTo(1);
        }
    }

    @Test
    void aCallerBeyondTheirRunsInFlightAndAnyoneBeyondTheQueueAreRefusedUntilRunsFinish() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        ExecutorService workers = Executors.newSingleThreadExecutor();
        workers.execute(() -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int queuedElsewhere = new RunRepository(jdbc, new TransactionTemplate(transactions)).queued();
        ReportRunService service = instance(
                "limits-" + requester,
                Clock.systemUTC(),
                workers,
                new RunPolicy("limits-" + requester, queuedElsewhere + 3, 2, LEASE, Duration.ofSeconds(30)));
        Caller first = new Caller(requester, Role.EXECUTIVE, Scope.ALL);
        Caller second = new Caller(requester + "-2", Role.EXECUTIVE, Scope.ALL);
        Caller third = new Caller(requester + "-3", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));

        List<ReportRun> started = List.of(service.start(first, EAST_MAY), service.start(first, EAST_MAY));
        assertThatThrownBy(() -> service.start(first, EAST_MAY))
                .isInstanceOfSatisfying(TooManyRunsException.class, e -> {
                    assertThat(e.limit()).isEqualTo("pulse.reporting.max-runs-per-caller");
                    assertThat(e.value()).isEqualTo(2);
                });
        assertThatThrownBy(() -> service.rerun(first, started.getFirst().id()))
                .isInstanceOf(TooManyRunsException.class);
        service.start(second, EAST_MAY);
        assertThatThrownBy(() -> service.start(third, EAST_MAY))
                .isInstanceOfSatisfying(TooManyRunsException.class, e -> {
                    assertThat(e.limit()).isEqualTo("pulse.reporting.max-queued-runs");
                    assertThat(e.value()).isEqualTo(queuedElsewhere + 3);
                });

        assertThat(service.runNow(first, EAST_MAY).status())
                .as("a schedule's run takes no place in the queue")
                .isEqualTo(RunStatus.SUCCEEDED);

        hold.countDown();
        started.forEach(run -> awaitStatus(run.id(), "SUCCEEDED"));
        assertThat(service.start(first, EAST_MAY).status())
                .as("places free again")
                .isEqualTo(RunStatus.QUEUED);
    }

    /** Runs both at the same moment on two threads; their results in order. */
    private static <T> List<T> together(Callable<T> first, Callable<T> second) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<T> one = pool.submit(() -> {
                barrier.await();
                return first.call();
            });
            Future<T> two = pool.submit(() -> {
                barrier.await();
                return second.call();
            });
            return List.of(one.get(), two.get());
        }
    }

    private ReportRunService instance(String owner, Clock clock) {
        return instance(
                owner,
                clock,
                Executors.newFixedThreadPool(2),
                new RunPolicy(owner, 50, 3, LEASE, Duration.ofSeconds(30)));
    }

    private ReportRunService instance(String owner, Clock clock, ExecutorService workers, RunPolicy policy) {
        ReportRunService service = new ReportRunService(
                new RunRepository(jdbc, new TransactionTemplate(transactions)),
                data,
                renderer,
                new ReportFiles(files.resolve(owner)),
                pulse.regions(),
                workers,
                clock,
                policy);
        instances.add(service);
        return service;
    }

    private String insertRun(RunStatus status, String owner, Instant leaseUntil) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO report_runs (id, report, region, period_from, period_to, format, requested_by, caller_role,
                                         scope, status, created_at, owner, lease_until)
                VALUES (:id, 'regional-performance', '华东', DATE '2026-05-01', DATE '2026-06-01', 'pdf', :by,
                        'EXECUTIVE', '华东', :status, :now, :owner, :until)
                """)
                .param("id", id)
                .param("by", requester)
                .param("status", status.name())
                .param("now", start.atOffset(ZoneOffset.UTC))
                .param("owner", owner)
                .param("until", leaseUntil == null ? null : leaseUntil.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    private Map<String, Object> row(String id) {
        return jdbc.sql("SELECT status, owner, attempts FROM report_runs WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private long archived(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM report_archive WHERE run_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> row(id).get("status"), status::equals);
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
