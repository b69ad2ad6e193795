package dev.pulse.reporting;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import java.util.List;
import java.util.Optional;

/**
 * Report runs: start one, follow it, download its file; everything within the caller's scope. A run
 * is visible only to callers whose scope covers the scope it was computed under.
 */
public interface ReportRuns {

    /**
     * Checks the request and queues the run; the file is produced in the background.
     *
     * @param caller who asks, must not be null
     * @param request what to produce, must not be null
     * @return the queued run
     * @throws InvalidFieldException naming the field when the request is not valid
     * @throws RegionNotAllowedException when the region is outside the caller's scope
     * @throws TooManyRunsException when the caller has their most runs in flight, or the queue is full
     */
    ReportRun start(Caller caller, RunRequest request);

    /**
     * Checks the request and produces the file in the calling thread; for schedules, which have
     * their own workers, so the run takes no place in the bounded queue.
     *
     * @param caller who the run computes as, must not be null
     * @param request what to produce, must not be null
     * @return the finished run, SUCCEEDED or FAILED
     * @throws InvalidFieldException naming the field when the request is not valid
     * @throws RegionNotAllowedException when the region is outside the caller's scope
     */
    ReportRun runNow(Caller caller, RunRequest request);

    /**
     * Produces the report of an earlier run again, with the same parameters, on today's data.
     *
     * @param caller who asks, must not be null; must be allowed to see the earlier run
     * @param id the earlier run, must not be null
     * @return the queued new run
     * @throws RunNotFoundException when there is no such run or the caller may not see it
     * @throws TooManyRunsException when the caller has their most runs in flight, or the queue is full
     */
    ReportRun rerun(Caller caller, String id);

    /**
     * The run with this id, if the caller may see it.
     *
     * @param caller who asks, must not be null
     * @param id the run id, must not be null
     */
    Optional<ReportRun> find(Caller caller, String id);

    /**
     * The runs the caller may see, newest first: those computed under a scope the caller's covers, so a
     * regional manager sees only the runs of their own regions.
     *
     * @param caller who asks, must not be null
     * @param region only runs of this region; null for every region
     * @param limit at most this many runs
     */
    List<ReportRun> list(Caller caller, String region, int limit);

    /**
     * The archive record of a run the caller may see; empty when there is no such run, the caller may not
     * see it, or it produced no file (yet).
     *
     * @param caller who asks, must not be null
     * @param id the run id, must not be null
     */
    Optional<ArchivedReport> archived(Caller caller, String id);

    /**
     * The file of a finished run the caller may see.
     *
     * @param caller who asks, must not be null
     * @param id the run id, must not be null
     * @throws RunNotFoundException when there is no such run or the caller may not see it
     * @throws RunNotReadyException when the run has not succeeded
     * @throws ReportFileExpiredException when the retention rule deleted the file
     */
    ReportFile file(Caller caller, String id);
}
