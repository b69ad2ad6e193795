package dev.pulse.warehouse;

/**
 * A batch that cannot be ingested at all (as opposed to single records, which are rejected one by
 * one): unknown stream, too many rows, or a CSV header that names no usable columns.
 */
public class IngestionException extends RuntimeException {

    private final Reason reason;
    private final long line;
    private final String field;

    /**
     * @param reason must not be null
     * @param line the 1-based line at fault, 0 when none
     * @param field the field at fault, empty when none
     * @param message why, safe to show the client
     */
    public IngestionException(Reason reason, long line, String field, String message) {
        super(message);
        this.reason = reason;
        this.line = line;
        this.field = field;
    }

    /** Why the batch was refused. */
    public Reason reason() {
        return reason;
    }

    /** The 1-based line at fault, 0 when none. */
    public long line() {
        return line;
    }

    /** The field at fault, empty when none. */
    public String field() {
        return field;
    }

    /** The kinds of whole-batch refusal. */
    public enum Reason {
        UNKNOWN_STREAM,
        TOO_MANY_ROWS,
        BAD_HEADER
    }
}
