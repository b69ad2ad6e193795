package dev.pulse.reporting;

import dev.pulse.kernel.StateConflictException;

/** The run has no file (yet): it is queued, running or failed. */
public class RunNotReadyException extends StateConflictException {

    private final RunStatus status;

    /**
     * @param id the run id
     * @param status where the run stands
     */
    public RunNotReadyException(String id, RunStatus status) {
        super(status.name(), "report run " + id + " is " + status + ", it has no file");
        this.status = status;
    }

    /** Where the run stands. */
    public RunStatus status() {
        return status;
    }
}
