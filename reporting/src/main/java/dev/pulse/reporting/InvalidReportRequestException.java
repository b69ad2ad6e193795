package dev.pulse.reporting;

/** A report request that cannot be run as asked; {@link #field()} names the part at fault. */
public class InvalidReportRequestException extends RuntimeException {

    private final String field;

    /**
     * @param field the request field at fault, e.g. {@code region}
     * @param message why, naming the offending value
     */
    public InvalidReportRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }
}
