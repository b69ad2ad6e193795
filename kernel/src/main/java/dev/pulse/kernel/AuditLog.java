package dev.pulse.kernel;

/**
 * The append-only audit log that every module writes to; there is no way to change or remove an
 * entry but the retention purge. Kept in the operational database by the application (see
 * dashboards/README.md).
 */
public interface AuditLog {

    /**
     * Appends one entry, in the caller's transaction when there is one, else at once. Never throws: an
     * entry that cannot be written is logged as an error (without its details), and the audited
     * action goes on.
     *
     * @param event the entry, must not be null
     */
    void record(AuditEvent event);

    /**
     * Records {@code event} and answers {@code result}: written as {@code return audit.recorded(event, action())},
     * the entry is made only once the action has returned.
     */
    default <T> T recorded(AuditEvent event, T result) {
        record(event);
        return result;
    }
}
