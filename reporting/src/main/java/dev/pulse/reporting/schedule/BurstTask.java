package dev.pulse.reporting.schedule;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import com.github.kagkarlsson.scheduler.task.helper.ScheduleAndData;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.pulse.reporting.ReportSchedule;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The burst task, one db-scheduler instance per schedule (its cron and zone in the instance's data). After a
 * burst the instance is planned again from the schedule as it is stored then, so an edit made during the burst
 * applies to the next due time; a deleted schedule's instance is removed instead, which also ends an instance that
 * a deletion could not cancel because it was running. An instance still planned under a cron expression or zone the
 * schedule no longer has (an edit that lost a race with a burst) does not burst: it replans itself.
 */
final class BurstTask extends RecurringTaskWithPersistentSchedule<ScheduleAndData> {

    private static final Logger log = LoggerFactory.getLogger(BurstTask.class);

    private final Burst burst;
    private final ScheduleStore store;

    BurstTask(Burst burst, ScheduleStore store, Duration retryBackoff) {
        super(
                ScheduleConfiguration.TASK,
                ScheduleAndData.class,
                new FailureHandler.ExponentialBackoffFailureHandler<>(retryBackoff));
        this.burst = burst;
        this.store = store;
    }

    /** The instance data of a schedule: when it is due, and which schedule it is. */
    static ScheduleAndData planned(ReportSchedule schedule) {
        return ScheduleAndData.of(Schedules.cron(schedule.cron(), schedule.zone()), schedule.id());
    }

    @Override
    public CompletionHandler<ScheduleAndData> execute(
            TaskInstance<ScheduleAndData> instance, ExecutionContext context) {
        String id = (String) instance.getData().getData();
        Optional<ReportSchedule> stored = store.find(id).map(ScheduleStore.StoredSchedule::schedule);
        if (stored.isPresent() && !sameTimes(instance.getData().getSchedule(), stored.get())) {
            log.info(
                    "Schedule {} was edited to {} {}: this execution was planned under the old times, so it replans instead",
                    id,
                    stored.get().cron(),
                    stored.get().zone());
            return replan(stored.get());
        }
        if (burst.run(id, context.getExecution().executionTime) == Burst.Outcome.SCHEDULE_DELETED) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        // read again: an edit during the burst decides the next due time
        return store.find(id).map(s -> replan(s.schedule())).orElseGet(CompletionHandler.OnCompleteRemove::new);
    }

    private static CompletionHandler<ScheduleAndData> replan(ReportSchedule schedule) {
        ScheduleAndData planned = planned(schedule);
        return new CompletionHandler.OnCompleteReschedule<>(planned.getSchedule(), planned);
    }

    private static boolean sameTimes(Schedule planned, ReportSchedule schedule) {
        return planned instanceof CronSchedule cron
                && cron.getPattern().equals(schedule.cron())
                && schedule.zone().equals(cron.getZoneId());
    }
}
