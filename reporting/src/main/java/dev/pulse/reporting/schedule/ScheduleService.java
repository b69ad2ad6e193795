package dev.pulse.reporting.schedule;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import com.github.kagkarlsson.scheduler.task.helper.ScheduleAndData;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.EmailAddresses;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Role;
import dev.pulse.reporting.ReportDelivery;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportSchedule;
import dev.pulse.reporting.ReportSchedules;
import dev.pulse.reporting.ScheduleNotFoundException;
import dev.pulse.reporting.ScheduleRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/** Checks and stores schedules, and hands each one to db-scheduler as an instance of the burst task. */
final class ScheduleService implements ReportSchedules {

    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);

    private final ScheduleStore store;
    private final SchedulerClient scheduler;
    private final RecurringTaskWithPersistentSchedule<ScheduleAndData> task;
    private final List<String> knownRegions;
    private final ZoneId defaultZone;
    private final Clock clock;

    ScheduleService(
            ScheduleStore store,
            SchedulerClient scheduler,
            RecurringTaskWithPersistentSchedule<ScheduleAndData> task,
            List<String> knownRegions,
            ZoneId defaultZone,
            Clock clock) {
        this.store = store;
        this.scheduler = scheduler;
        this.task = task;
        this.knownRegions = List.copyOf(knownRegions);
        this.defaultZone = defaultZone;
        this.clock = clock;
    }

    @Override
    public ReportSchedule create(Caller caller, ScheduleRequest request) {
        Objects.requireNonNull(request, "request");
        mayEdit(caller, "create");
        ReportSchedule schedule = check(request, UUID.randomUUID().toString(), caller.name(), clock.instant());
        store.insert(schedule, caller.role());
        scheduler.schedule(task.schedulableInstance(schedule.id(), BurstTask.planned(schedule)));
        return schedule;
    }

    @Override
    public ReportSchedule update(Caller caller, String id, ScheduleRequest request) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        mayEdit(caller, "edit");
        ReportSchedule current = find(id).orElseThrow(() -> new ScheduleNotFoundException(id));
        ReportSchedule schedule = check(request, id, current.createdBy(), current.createdAt());
        if (!store.update(schedule)) {
            throw new ScheduleNotFoundException(id);
        }
        // stored first: an instance that fires before the replan below bursts the new definition, and one planned
        // under the old cron expression replans itself instead of bursting (BurstTask)
        replan(schedule);
        return schedule;
    }

    @Override
    public ReportSchedule delete(Caller caller, String id) {
        Objects.requireNonNull(id, "id");
        mayEdit(caller, "delete");
        ReportSchedule schedule = store.find(id)
                .map(ScheduleStore.StoredSchedule::schedule)
                .orElseThrow(() -> new ScheduleNotFoundException(id));
        if (!store.markDeleted(id, caller.name(), clock.instant())) {
            throw new ScheduleNotFoundException(id);
        }
        // marked first: whatever happens to the cancel, a burst of a deleted schedule delivers nothing and ends its
        // instance
        try {
            scheduler.cancel(TaskInstanceId.of(task.getName(), id));
        } catch (TaskInstanceCurrentlyExecutingException running) {
            log.info(
                    "Schedule {} deleted during a burst: the region under way finishes, then its task instance ends",
                    id);
        } catch (TaskInstanceNotFoundException | ExecutionException gone) {
            // nothing planned, or picked between our read and our delete: the burst ends the instance itself
        }
        return schedule;
    }

    @Override
    public Optional<ReportSchedule> find(String id) {
        return store.find(Objects.requireNonNull(id, "id")).map(ScheduleStore.StoredSchedule::schedule);
    }

    @Override
    public List<ReportSchedule> list() {
        return store.list();
    }

    @Override
    public List<ReportDelivery> latestDeliveries(String id) {
        return store.latestDeliveries(Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<ReportDelivery> deliveriesOfRun(String runId) {
        return store.deliveriesOfRun(Objects.requireNonNull(runId, "runId"));
    }

    @Override
    public Map<String, List<ReportDelivery>> deliveriesOfRuns(Collection<String> runIds) {
        return runIds.isEmpty()
                ? Map.of()
                : store.deliveriesOfRuns(runIds).stream()
                        .collect(Collectors.groupingBy(ReportDelivery::runId, LinkedHashMap::new, Collectors.toList()));
    }

    @Override
    public Optional<Instant> nextRun(String id) {
        return scheduler
                .getScheduledExecution(TaskInstanceId.of(task.getName(), id))
                .map(e -> e.getExecutionTime());
    }

    /**
     * Plans the schedule's one task instance anew: at the next due time of its cron expression, or, when a failed
     * burst waits for its retry, at that retry, which then delivers what is missing with the new definition.
     */
    private void replan(ReportSchedule schedule) {
        TaskInstanceId instance = TaskInstanceId.of(task.getName(), schedule.id());
        ScheduleAndData planned = BurstTask.planned(schedule);
        try {
            Optional<Instant> retry = scheduler
                    .getScheduledExecution(instance)
                    .filter(e -> e.getConsecutiveFailures() > 0)
                    .map(ScheduledExecution::getExecutionTime);
            boolean replanned = retry.isPresent()
                    ? scheduler.reschedule(instance, retry.get(), planned)
                    : scheduler.reschedule(task.schedulableInstance(schedule.id(), planned));
            if (!replanned) {
                log.info(
                        "Schedule {} edited while another instance picked its burst: that burst replans it",
                        schedule.id());
            }
        } catch (TaskInstanceCurrentlyExecutingException running) {
            log.info(
                    "Schedule {} edited during a burst: it finishes as it started, then plans the new definition",
                    schedule.id());
        } catch (TaskInstanceNotFoundException missing) {
            scheduler.scheduleIfNotExists(task.schedulableInstance(schedule.id(), planned));
        }
    }

    /** Schedules are the quality team's and the administrators': the pages and the API check it too. */
    private static void mayEdit(Caller caller, String action) {
        Objects.requireNonNull(caller, "caller");
        if (caller.role() != Role.ADMIN && caller.role() != Role.QUALITY) {
            throw new AccessDeniedException("only ADMIN and QUALITY " + action + " schedules");
        }
    }

    private ReportSchedule check(ScheduleRequest r, String id, String createdBy, Instant createdAt) {
        if (r.name() == null || r.name().isBlank()) {
            throw new InvalidFieldException("name", "name is required");
        }
        if (r.report() != ReportKind.REGIONAL_PERFORMANCE) {
            throw new InvalidFieldException("report", "only regional-performance reports are scheduled per region");
        }
        if (r.periodRule() == null) {
            throw new InvalidFieldException(
                    "periodRule", "periodRule is required: PREVIOUS_MONTH, PREVIOUS_WEEK or MONTH_TO_DATE");
        }
        ZoneId zone;
        try {
            zone = r.zone() == null ? defaultZone : ZoneId.of(r.zone());
        } catch (DateTimeException e) {
            throw new InvalidFieldException("zone", "zone is not a time zone: " + r.zone());
        }
        try {
            Schedules.cron(Objects.requireNonNull(r.cron(), "cron is required"), zone);
        } catch (RuntimeException e) {
            throw new InvalidFieldException(
                    "cron", "cron must have six fields, seconds first, e.g. 0 0 8 1 * ?: " + e.getMessage());
        }
        List<String> regions = r.regions() == null || r.regions().isEmpty() ? knownRegions : List.copyOf(r.regions());
        for (String region : regions) {
            if (!knownRegions.contains(region)) {
                throw new InvalidFieldException("regions", "region must be one of " + knownRegions + ", not " + region);
            }
        }
        // a region without addresses goes to its owners at the time of sending
        Map<String, List<String>> recipients = new LinkedHashMap<>();
        (r.recipients() == null ? Map.<String, List<String>>of() : r.recipients()).forEach((region, addresses) -> {
            if (!regions.contains(region)) {
                throw new InvalidFieldException(
                        "recipients." + region,
                        "recipients for " + region + ", which is not one of the schedule's regions " + regions);
            }
            for (String address : addresses) {
                if (!EmailAddresses.valid(address)) {
                    throw new InvalidFieldException("recipients." + region, "not an e-mail address: " + address);
                }
            }
            if (!addresses.isEmpty()) {
                recipients.put(region, List.copyOf(addresses));
            }
        });
        String language = r.language() == null ? "zh" : r.language();
        if (!language.equals("zh") && !language.equals("en")) {
            throw new InvalidFieldException("language", "language must be zh or en");
        }
        return new ReportSchedule(
                id,
                r.name(),
                r.report(),
                r.cron(),
                zone,
                r.periodRule(),
                regions,
                Map.copyOf(recipients),
                language,
                createdBy,
                createdAt);
    }
}
