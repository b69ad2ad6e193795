package dev.pulse.reporting.schedule;

import dev.pulse.reporting.ReportFile;
import dev.pulse.reporting.ReportPeriod;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.RunRequest;
import dev.pulse.reporting.RunStatus;
import dev.pulse.warehouse.Caller;
import dev.pulse.warehouse.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a schedule: for each region, the report computed under that region's scope and
 * mailed to that region's recipients. Each (schedule, region, period) is recorded before anything is
 * sent and skipped once sent, so retries and restarts deliver every region once.
 */
final class Burst {

    private static final Logger log = LoggerFactory.getLogger(Burst.class);

    private final ScheduleStore store;
    private final ReportRuns runs;
    private final DeliveryMailer mailer;
    private final Clock clock;

    Burst(ScheduleStore store, ReportRuns runs, DeliveryMailer mailer, Clock clock) {
        this.store = store;
        this.runs = runs;
        this.mailer = mailer;
        this.clock = clock;
    }

    /**
     * Delivers every region of the schedule for the period of a run at {@code firedAt}.
     *
     * @throws BurstIncompleteException when a region could not be delivered, so the scheduler retries
     */
    void run(String scheduleId, Instant firedAt) {
        ScheduleStore.StoredSchedule stored = store.find(scheduleId)
                .orElseThrow(() -> new IllegalStateException("schedule " + scheduleId + " is gone"));
        var schedule = stored.schedule();
        ReportPeriod period = schedule.periodRule().period(firedAt.atZone(schedule.zone()).toLocalDate());
        List<String> failed = new ArrayList<>();
        for (String region : schedule.regions()) {
            Delivery delivery = store.delivery(scheduleId, region, period, schedule.recipients().get(region), clock.instant());
            switch (delivery.status()) {
                case SENT, UNCONFIRMED -> {
                    continue;
                }
                case SENDING -> {
                    log.warn("Delivery {} ({} {}) may have been sent before a crash; not sending it again",
                            delivery.id(), region, period.label());
                    store.unconfirmed(delivery.id());
                    continue;
                }
                case PENDING, FAILED -> { }
            }
            Caller caller = new Caller(schedule.createdBy(), stored.creatorRole(), Scope.of(Set.of(region)));
            try {
                ReportFile file = runs.file(caller, runFor(delivery, caller, schedule.report(), region, period));
                store.sending(delivery.id());
                mailer.send(delivery.id(), delivery.recipients(), region, period, file, schedule.language());
                store.sent(delivery.id(), clock.instant());
            } catch (RuntimeException e) {
                log.warn("Delivery {} ({} {}) failed: {}", delivery.id(), region, period.label(), e.toString());
                store.failed(delivery.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
                failed.add(region);
            }
        }
        if (!failed.isEmpty()) {
            throw new BurstIncompleteException(scheduleId, failed);
        }
    }

    /** The delivery's succeeded run, or a new one produced now. */
    private String runFor(Delivery delivery, Caller caller, dev.pulse.reporting.ReportKind report, String region,
            ReportPeriod period) {
        if (delivery.runId() != null && runs.find(caller, delivery.runId()).map(ReportRun::status)
                .filter(status -> status == RunStatus.SUCCEEDED).isPresent()) {
            return delivery.runId();
        }
        ReportRun run = runs.runNow(caller, new RunRequest(report, region, period.from(), period.to(), "pdf"));
        store.attachRun(delivery.id(), run.id());
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("report run " + run.id() + " failed: " + run.error());
        }
        return run.id();
    }

    /** Some regions were not delivered; the scheduler retries the execution with backoff. */
    static final class BurstIncompleteException extends RuntimeException {
        BurstIncompleteException(String scheduleId, List<String> regions) {
            super("schedule " + scheduleId + " could not deliver " + regions);
        }
    }
}
