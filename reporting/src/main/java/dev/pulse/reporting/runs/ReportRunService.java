package dev.pulse.reporting.runs;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.ArchivedReport;
import dev.pulse.reporting.NationalSummaryData;
import dev.pulse.reporting.RegionNotAllowedException;
import dev.pulse.reporting.RegionalReportData;
import dev.pulse.reporting.ReportData;
import dev.pulse.reporting.ReportFile;
import dev.pulse.reporting.ReportFileExpiredException;
import dev.pulse.reporting.ReportFormat;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportPeriod;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.RunNotFoundException;
import dev.pulse.reporting.RunNotReadyException;
import dev.pulse.reporting.RunRequest;
import dev.pulse.reporting.RunStatus;
import dev.pulse.reporting.data.ReportDataService;
import dev.pulse.reporting.render.ReportRenderer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs reports in the background: a run is stored before it is queued, computed as the requester
 * under the scope it was accepted with, rendered, written, and archived with its SQL, watermark and
 * SHA-256 in one transaction. The queue is bounded, in total and per caller ({@link RunPolicy}).
 *
 * <p>Every unfinished run is leased by the instance that holds it, which renews its leases on a
 * heartbeat; a run whose lease ran out belongs to an instance that is gone, and is taken over, at
 * start-up and on every heartbeat. A run is claimed for rendering with one conditional UPDATE, so two
 * instances never render the same run.
 */
final class ReportRunService implements ReportRuns, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportRunService.class);
    private static final long MAX_DAYS = 366;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunRepository runs;
    private final ReportDataService data;
    private final ReportRenderer renderer;
    private final ReportFiles files;
    private final List<String> regions;
    private final ExecutorService workers;
    private final Clock clock;
    private final RunPolicy policy;
    private final ScheduledExecutorService heartbeat;
    private final AtomicBoolean beating = new AtomicBoolean();
    /** Admits one run at a time in this instance, so that two requests of one caller cannot both pass the count. */
    private final ReentrantLock admission = new ReentrantLock();

    ReportRunService(
            RunRepository runs,
            ReportDataService data,
            ReportRenderer renderer,
            ReportFiles files,
            List<String> regions,
            ExecutorService workers,
            Clock clock,
            RunPolicy policy) {
        this.runs = runs;
        this.data = data;
        this.renderer = renderer;
        this.files = files;
        this.regions = List.copyOf(regions);
        this.workers = workers;
        this.clock = clock;
        this.policy = policy;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("report-run-heartbeat").daemon().factory());
    }

    @Override
    public ReportRun start(Caller caller, RunRequest request) {
        ReportRun run = queue(caller, request, true);
        workers.execute(() -> execute(run.id()));
        return run;
    }

    @Override
    public ReportRun runNow(Caller caller, RunRequest request) {
        // a schedule's burst runs on its own workers, one run at a time: it takes no place in the queue
        ReportRun run = queue(caller, request, false);
        execute(run.id());
        return runs.find(run.id()).orElseThrow().run();
    }

    @Override
    public ReportRun rerun(Caller caller, String id) {
        ReportRun earlier = visible(caller, id)
                .orElseThrow(() -> new RunNotFoundException(id))
                .run();
        return start(
                caller,
                new RunRequest(earlier.report(), earlier.region(), earlier.from(), earlier.to(), earlier.format()));
    }

    private ReportRun queue(Caller caller, RunRequest request, boolean bounded) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(request, "request");
        Scope scope = check(caller, request);
        ReportRun run = new ReportRun(
                UUID.randomUUID().toString(),
                request.report(),
                request.region(),
                request.from(),
                request.to(),
                request.format() == null ? ReportFormat.PDF.id() : request.format(),
                caller.name(),
                RunStatus.QUEUED,
                null,
                clock.instant(),
                null,
                null,
                null,
                null);
        admission.lock();
        try {
            if (bounded) {
                policy.admit(caller.name(), runs);
            }
            runs.insert(new StoredRun(run, caller.role(), scope), lease());
        } finally {
            admission.unlock();
        }
        return run;
    }

    /** A lease of this instance from now. */
    private Lease lease() {
        return policy.leaseFrom(clock.instant());
    }

    @Override
    public Optional<ReportRun> find(Caller caller, String id) {
        Objects.requireNonNull(caller, "caller");
        return visible(caller, id).map(StoredRun::run);
    }

    @Override
    public List<ReportRun> list(Caller caller, String region, int limit) {
        Objects.requireNonNull(caller, "caller");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return runs.list(caller.scope().all() ? null : StoredRun.scopesWithin(caller.scope()), region, limit).stream()
                .map(StoredRun::run)
                .toList();
    }

    @Override
    public Optional<ArchivedReport> archived(Caller caller, String id) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(id, "id");
        return runs.archived(id).filter(a -> a.stored().visibleTo(caller)).map(RunRepository.Archived::report);
    }

    @Override
    public ReportFile file(Caller caller, String id) {
        StoredRun stored = visible(caller, id).orElseThrow(() -> new RunNotFoundException(id));
        ReportRun run = stored.run();
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new RunNotReadyException(id, run.status());
        }
        return new ReportFile(
                fileName(run),
                runs.file(id).orElseThrow(() -> new ReportFileExpiredException(id)),
                ReportFormat.of(run.format()).orElseThrow().mediaType(),
                run.sha256());
    }

    /** Takes over the runs of instances that are gone, then starts the heartbeat that keeps doing it. */
    void recover() {
        takeOverExpired();
        if (beating.compareAndSet(false, true)) {
            long every = policy.heartbeat().toMillis();
            heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Renews the leases of this instance's runs and takes over runs whose lease ran out. */
    void beat() {
        try {
            runs.renew(lease());
            takeOverExpired();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again; the next beat tries anew
            log.warn("Report run heartbeat failed: {}", e.getMessage());
        }
    }

    /** Queues here the unfinished runs whose lease ran out; returns those this instance took over. */
    List<String> takeOverExpired() {
        Instant now = clock.instant();
        List<String> taken = new ArrayList<>();
        for (String id : runs.expired(now)) {
            if (runs.takeOver(id, lease(), now)) {
                taken.add(id);
                workers.execute(() -> execute(id));
            }
        }
        if (!taken.isEmpty()) {
            log.info("Took over {} report runs whose instance is gone", taken.size());
        }
        return taken;
    }

    /** Lets running reports finish (up to 30 s) and refuses new ones; runs still queued are taken over elsewhere once their lease runs out. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Produces one run's file; safe to call twice, and from two instances, since only one can claim a run. */
    void execute(String id) {
        if (!runs.claim(id, lease(), clock.instant())) {
            return;
        }
        StoredRun stored = runs.find(id).orElseThrow();
        ReportRun run = stored.run();
        long started = System.nanoTime();
        try {
            ReportPeriod period = new ReportPeriod(run.from(), run.to());
            ReportFormat format = ReportFormat.of(run.format()).orElseThrow();
            byte[] content;
            ReportData<?> produced;
            long queried;
            if (run.report() == ReportKind.REGIONAL_PERFORMANCE) {
                ReportData<RegionalReportData> regional = data.regional(stored.caller(), run.region(), period);
                queried = System.nanoTime();
                content = renderer.regional(regional.data(), format);
                produced = regional;
            } else {
                ReportData<NationalSummaryData> national = data.national(stored.caller(), period);
                queried = System.nanoTime();
                content = renderer.national(national.data(), format);
                produced = national;
            }
            // the two numbers scripts/bench reports compares: time in queries and time in Jasper
            log.info(
                    "Report run {} ({} {} {}): queries {} ms, render {} ms",
                    id,
                    run.report().id(),
                    run.region() == null ? "" : run.region(),
                    period.label(),
                    (queried - started) / 1_000_000,
                    (System.nanoTime() - queried) / 1_000_000);
            ReportFiles.Stored file = files.store(id, run.from(), run.format(), content);
            Instant now = clock.instant();
            runs.succeed(
                    new ArchiveEntry(
                            id,
                            parameters(stored),
                            String.join(";\n", produced.sql()),
                            watermark(produced),
                            file.sha256(),
                            file.path(),
                            file.size(),
                            now),
                    stored,
                    policy.owner(),
                    now);
        } catch (Throwable e) {
            // Errors too: a run left RUNNING under a lease this instance renews would never finish
            log.warn("Report run {} failed", id, e);
            runs.fail(id, policy.owner(), e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private Optional<StoredRun> visible(Caller caller, String id) {
        Objects.requireNonNull(id, "id");
        return runs.find(id).filter(stored -> stored.visibleTo(caller));
    }

    /** The scope the run computes under: the one region of a regional report, else the caller's. */
    private Scope check(Caller caller, RunRequest request) {
        if (request.report() == null) {
            throw new InvalidFieldException("report", "report is required");
        }
        if (request.from() == null) {
            throw new InvalidFieldException("from", "from is required, e.g. 2026-05-01");
        }
        if (request.to() == null) {
            throw new InvalidFieldException("to", "to is required, e.g. 2026-06-01 (the day after the last day)");
        }
        if (!request.to().isAfter(request.from())) {
            throw new InvalidFieldException("to", "to must be after from");
        }
        if (ChronoUnit.DAYS.between(request.from(), request.to()) > MAX_DAYS) {
            throw new InvalidFieldException("to", "a report covers at most " + MAX_DAYS + " days");
        }
        if (request.format() != null && ReportFormat.of(request.format()).isEmpty()) {
            throw new InvalidFieldException("format", "format must be pdf or xlsx, not " + request.format());
        }
        if (!request.report().regional()) {
            if (request.region() != null) {
                throw new InvalidFieldException(
                        "region", request.report().id() + " covers every region of your scope; leave region out");
            }
            return caller.scope();
        }
        if (request.region() == null || request.region().isBlank()) {
            throw new InvalidFieldException("region", "region is required, one of " + regions);
        }
        if (!regions.contains(request.region())) {
            throw new InvalidFieldException("region", "region must be one of " + regions + ", not " + request.region());
        }
        if (!caller.scope().allows(request.region())) {
            throw new RegionNotAllowedException(request.region());
        }
        return StoredRun.only(request.region());
    }

    private static String parameters(StoredRun stored) {
        ReportRun run = stored.run();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("report", run.report().id());
        parameters.put("region", run.region());
        parameters.put("from", run.from().toString());
        parameters.put("to", run.to().toString());
        parameters.put("format", run.format());
        parameters.put("requestedBy", run.requestedBy());
        parameters.put("role", stored.role().name());
        parameters.put("scope", StoredRun.format(stored.scope()));
        return JSON.writeValueAsString(parameters);
    }

    private static String watermark(ReportData<?> produced) {
        return switch (produced.data()) {
            case RegionalReportData regional -> regional.watermark();
            case NationalSummaryData national -> national.watermark();
            default -> throw new IllegalStateException("unknown report data " + produced.data());
        };
    }

    private static String fileName(ReportRun run) {
        String period = run.from() + "_" + run.to().minusDays(1);
        return switch (run.report()) {
            case REGIONAL_PERFORMANCE -> "区域经营报告-" + run.region() + "-" + period + "." + run.format();
            case NATIONAL_SUMMARY -> "全国经营摘要-" + period + "." + run.format();
        };
    }
}
