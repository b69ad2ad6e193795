package dev.pulse.warehouse.query;

/**
 * An analyst query that the engine (or the answer's size check) stopped at one of the configured
 * limits; {@code limit} is the ClickHouse setting's name and {@code value} its configured value.
 */
public class SqlLimitException extends RuntimeException {

    private final String limit;
    private final long value;
    private final int code;

    SqlLimitException(String limit, long value, int code, String message) {
        super(message);
        this.limit = limit;
        this.value = value;
        this.code = code;
    }

    /** The limit's name, as ClickHouse calls the setting: {@code max_rows_to_read}, {@code max_memory_usage}, ... */
    public String limit() {
        return limit;
    }

    /** The configured value of the limit: rows, bytes or seconds. */
    public long value() {
        return value;
    }

    /** The engine's error code, or 0 when Pulse stopped the answer itself. */
    public int code() {
        return code;
    }
}
