package dev.pulse.reporting;

/** The run's file was deleted by the retention rule; its archive row (parameters, SQL, digest) remains. */
public class ReportFileExpiredException extends RuntimeException {

    /** @param id the run id */
    public ReportFileExpiredException(String id) {
        super("the file of report run " + id + " was deleted after the retention period; re-run it to get a new one");
    }
}
