package dev.pulse.reporting;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Report schedules: each one produces, at every due time, one file per region, computed under that
 * region's scope and mailed only to that region's recipients (by default the region's owners), exactly once
 * per (schedule, region, period).
 */
public interface ReportSchedules {

    /**
     * Stores the schedule and plans its first execution.
     *
     * @param caller who creates it (ADMIN or QUALITY), must not be null
     * @param request the schedule, must not be null
     * @throws InvalidFieldException naming the field when the request is not valid
     */
    ReportSchedule create(Caller caller, ScheduleRequest request);

    /**
     * Replaces the schedule's definition, checked like {@link #create}; it keeps its id, creator and history (its
     * deliveries and the archived runs they mailed). The next execution is planned from the new cron expression and
     * zone; a burst under way finishes with the definition it started with.
     *
     * @param caller who edits it (ADMIN or QUALITY), must not be null
     * @param id the schedule, must not be null
     * @param request the new definition, must not be null
     * @return the schedule as it is now
     * @throws ScheduleNotFoundException when there is no such schedule, or it was deleted
     * @throws InvalidFieldException naming the field when the request is not valid
     */
    ReportSchedule update(Caller caller, String id, ScheduleRequest request);

    /**
     * Deletes the schedule: it is listed no more and no new execution of it starts, now or after a restart.
     * Its deliveries and the archived runs they mailed are kept. A burst under way finishes the region it is
     * delivering and starts no other.
     *
     * @param caller who deletes it (ADMIN or QUALITY), must not be null
     * @param id the schedule, must not be null
     * @return the schedule as it was
     * @throws ScheduleNotFoundException when there is no such schedule, or it was deleted already
     */
    ReportSchedule delete(Caller caller, String id);

    /**
     * The schedule, unless there is no such schedule or it is deleted.
     *
     * @param id the schedule, must not be null
     */
    Optional<ReportSchedule> find(String id);

    /** Every schedule that is not deleted, oldest first. */
    List<ReportSchedule> list();

    /**
     * The deliveries of the latest period the schedule ran for, one per region, with where each stands.
     *
     * @param id the schedule, must not be null
     */
    List<ReportDelivery> latestDeliveries(String id);

    /**
     * The deliveries that mailed the file of a run: to whom, and how it went. The caller checks that the
     * run is visible first.
     *
     * @param runId the run, must not be null
     */
    List<ReportDelivery> deliveriesOfRun(String runId);

    /**
     * The deliveries of each of several runs, for a list of runs; a run no schedule sent is absent.
     * The caller checks that the runs are visible first.
     *
     * @param runIds the runs, must not be null
     */
    Map<String, List<ReportDelivery>> deliveriesOfRuns(Collection<String> runIds);

    /** When the schedule runs next, if it is planned. */
    Optional<Instant> nextRun(String id);
}
