package dev.pulse.warehouse.metrics;

/** A metric request that cannot be answered as asked; {@link #field()} names the part at fault. */
public class MetricQueryException extends RuntimeException {

    private final String field;

    /**
     * @param field the request field at fault, e.g. {@code metrics[1]} or {@code filters[0].op}
     * @param message why, naming the offending value
     */
    public MetricQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }
}
