package dev.pulse.reporting.runs;

import dev.pulse.reporting.ReportingSettings;
import dev.pulse.reporting.TooManyRunsException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The bounds of the run queue and the leases of one instance.
 *
 * @param owner this instance's id, written on the runs it holds; new at every start
 * @param maxQueuedRuns runs waiting for a worker, across instances
 * @param maxRunsPerCaller runs of one caller queued or rendering
 * @param lease how long a run stays held without renewal
 * @param heartbeat how often leases are renewed and expired ones taken over
 */
record RunPolicy(String owner, int maxQueuedRuns, int maxRunsPerCaller, Duration lease, Duration heartbeat) {

    RunPolicy {
        if (maxQueuedRuns < 1 || maxRunsPerCaller < 1) {
            throw new IllegalArgumentException(
                    "pulse.reporting.max-queued-runs and max-runs-per-caller must be at least 1");
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(lease) >= 0) {
            // a heartbeat as long as the lease would let other instances take over runs that are alive
            throw new IllegalArgumentException(
                    "pulse.reporting.run-heartbeat must be positive and shorter than run-lease");
        }
    }

    /** The settings' bounds under a fresh instance id. */
    static RunPolicy of(ReportingSettings settings) {
        return new RunPolicy(
                newOwner(),
                settings.maxQueuedRuns(),
                settings.maxRunsPerCaller(),
                settings.runLease(),
                settings.runHeartbeat());
    }

    /**
     * Refuses a run of {@code requestedBy} beyond the caller's bound or the queue's; the counts span every instance.
     *
     * @throws TooManyRunsException naming the bound crossed
     */
    void admit(String requestedBy, RunRepository runs) {
        if (runs.inFlight(requestedBy) >= maxRunsPerCaller) {
            throw new TooManyRunsException(
                    "pulse.reporting.max-runs-per-caller",
                    maxRunsPerCaller,
                    "you have " + maxRunsPerCaller
                            + " report runs queued or rendering; start another once one has finished");
        }
        if (runs.queued() >= maxQueuedRuns) {
            throw new TooManyRunsException(
                    "pulse.reporting.max-queued-runs",
                    maxQueuedRuns,
                    maxQueuedRuns + " report runs are waiting already; try again shortly");
        }
    }

    /** This instance's lease on a run, from {@code now}. */
    Lease leaseFrom(Instant now) {
        return new Lease(owner, now.plus(lease));
    }

    /** An id no other instance, nor this one's earlier life, has: the process id to find it, a random part to be sure. */
    static String newOwner() {
        return ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
