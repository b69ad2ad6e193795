package dev.pulse.reporting;

/** Where a report run stands. */
public enum RunStatus {
    /** Accepted, waiting for a worker (also after a restart interrupted it). */
    QUEUED,
    /** Computing and rendering. */
    RUNNING,
    /** The file is archived and can be downloaded. */
    SUCCEEDED,
    /** It failed; {@link ReportRun#error()} says why. */
    FAILED
}
