package dev.pulse.reporting.schedule;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.RegionDirectory;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.ReportDelivery;
import dev.pulse.reporting.ReportDelivery.RecipientSource;
import dev.pulse.reporting.ReportFile;
import dev.pulse.reporting.ReportPeriod;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.RunRequest;
import dev.pulse.reporting.RunStatus;
import dev.pulse.reporting.ScheduleBursts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a schedule: for each region, the report computed under that region's scope and
 * mailed to that region's recipients (or, when the schedule names none, to the region's owners). Each (schedule, region, period) is recorded before anything is
 * sent and skipped once sent, so retries and restarts deliver every region once.
 */
final class Burst implements ScheduleBursts {

    private static final Logger log = LoggerFactory.getLogger(Burst.class);

    private final ScheduleStore store;
    private final ReportRuns runs;
    private final DeliveryMailer mailer;
    private final RegionDirectory directory;
    private final Clock clock;

    Burst(ScheduleStore store, ReportRuns runs, DeliveryMailer mailer, RegionDirectory directory, Clock clock) {
        this.store = store;
        this.runs = runs;
        this.mailer = mailer;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Delivers every region of the schedule for the period of a run at {@code firedAt}. A region the
     * schedule names no recipients for goes to the region's owners as they are now; a region with
     * neither is marked FAILED with the reason, so the retry finds owners set in the meantime.
     *
     * A schedule deleted before the burst delivers nothing; one deleted during it finishes the region under way
     * and starts no other.
     *
     * @return {@link Outcome#SCHEDULE_DELETED} when the schedule is deleted, so its task instance ends
     * @throws BurstIncompleteException when a region could not be delivered, so the scheduler retries
     */
    @Override
    public void burst(String scheduleId, Instant firedAt) {
        run(scheduleId, firedAt);
    }

    Outcome run(String scheduleId, Instant firedAt) {
        ScheduleStore.StoredSchedule stored = store.find(scheduleId).orElse(null);
        if (stored == null) {
            log.info("Schedule {} is deleted: nothing to deliver, its task instance ends", scheduleId);
            return Outcome.SCHEDULE_DELETED;
        }
        var schedule = stored.schedule();
        ReportPeriod period =
                schedule.periodRule().period(firedAt.atZone(schedule.zone()).toLocalDate());
        List<String> failed = new ArrayList<>();
        for (String region : schedule.regions()) {
            if (!store.live(scheduleId)) {
                // deleted while bursting: the regions delivered so far stay delivered, no further one starts, no retry
                log.info(
                        "Schedule {} was deleted during its burst for {}: {} and later regions are not delivered",
                        scheduleId,
                        period.label(),
                        region);
                return Outcome.SCHEDULE_DELETED;
            }
            Recipients recipients = recipients(schedule.recipients().get(region), region);
            ReportDelivery delivery = store.delivery(scheduleId, region, period, recipients, clock.instant());
            switch (delivery.status()) {
                case SENT, UNCONFIRMED -> {
                    continue;
                }
                case SENDING -> {
                    log.warn(
                            "Delivery {} ({} {}) may have been sent before a crash; not sending it again",
                            delivery.id(),
                            region,
                            period.label());
                    store.unconfirmed(delivery.id());
                    continue;
                }
                case PENDING, FAILED -> {}
            }
            store.addressed(delivery.id(), recipients);
            if (recipients.addresses().isEmpty()) {
                log.warn("Delivery {} ({} {}) has nobody to go to", delivery.id(), region, period.label());
                store.failed(
                        delivery.id(),
                        "no recipients: the schedule names none for " + region
                                + " and the region has no owners (set them on /admin/region-owners, through PUT /api/v1/cases/owners/"
                                + region + " or in pulse.surveys.region-owners)");
                failed.add(region);
                continue;
            }
            Caller caller = new Caller(schedule.createdBy(), stored.creatorRole(), Scope.of(Set.of(region)));
            try {
                ReportFile file = runs.file(caller, runFor(delivery, caller, schedule.report(), region, period));
                store.sending(delivery.id());
                mailer.send(delivery.id(), recipients.addresses(), region, period, file, schedule.language());
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
        return Outcome.DELIVERED;
    }

    /** How a burst ended, other than with a region left to retry. */
    enum Outcome {
        /** Every region of the schedule was delivered (now or before). */
        DELIVERED,
        /** The schedule is deleted, before or during the burst: its task instance should not come back. */
        SCHEDULE_DELETED
    }

    /** The schedule's addresses for the region, or else the region's owners as they are now. */
    private Recipients recipients(List<String> named, String region) {
        return named != null && !named.isEmpty()
                ? new Recipients(named, RecipientSource.SCHEDULE)
                : new Recipients(directory.owners(region), RecipientSource.REGION_OWNERS);
    }

    /** The delivery's succeeded run, or a new one produced now. */
    private String runFor(
            ReportDelivery delivery,
            Caller caller,
            dev.pulse.reporting.ReportKind report,
            String region,
            ReportPeriod period) {
        if (delivery.runId() != null
                && runs.find(caller, delivery.runId())
                        .map(ReportRun::status)
                        .filter(status -> status == RunStatus.SUCCEEDED)
                        .isPresent()) {
            return delivery.runId();
        }
        ReportRun run = runs.runNow(caller, new RunRequest(report, region, period.from(), period.to(), "pdf"));
        store.attachRun(delivery.id(), run.id());
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("report run " + run.id() + " failed: " + run.error());
        }
        return run.id();
    }
}
