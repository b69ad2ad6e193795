package dev.pulse.reporting.runs;

import dev.pulse.reporting.ReportingSettings;
import java.time.Duration;
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

    /** The settings' bounds under a fresh instance id. */
    static RunPolicy of(ReportingSettings settings) {
        return new RunPolicy(newOwner(), settings.maxQueuedRuns(), settings.maxRunsPerCaller(), settings.runLease(),
                settings.runHeartbeat());
    }

    /** An id no other instance, nor this one's earlier life, has: the process id to find it, a random part to be sure. */
    static String newOwner() {
        return ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
