package dev.pulse.reporting.schedule;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import com.github.kagkarlsson.scheduler.task.helper.ScheduleAndData;
import java.time.Duration;

/**
 * The burst task, one db-scheduler instance per schedule (its cron and zone in the instance's data). After a
 * burst the instance is planned again for the next due time, unless the schedule was deleted: then it is
 * removed, which also ends an instance that a deletion could not cancel because it was running.
 */
final class BurstTask extends RecurringTaskWithPersistentSchedule<ScheduleAndData> {

    private final Burst burst;

    BurstTask(Burst burst, Duration retryBackoff) {
        super(ScheduleConfiguration.TASK, ScheduleAndData.class, new FailureHandler.ExponentialBackoffFailureHandler<>(retryBackoff));
        this.burst = burst;
    }

    @Override
    public CompletionHandler<ScheduleAndData> execute(TaskInstance<ScheduleAndData> instance, ExecutionContext context) {
        Burst.Outcome outcome = burst.run((String) instance.getData().getData(), context.getExecution().executionTime);
        return outcome == Burst.Outcome.SCHEDULE_DELETED ? new CompletionHandler.OnCompleteRemove<>()
                : new CompletionHandler.OnCompleteReschedule<>(instance.getData().getSchedule());
    }
}
