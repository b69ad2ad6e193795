package dev.pulse.reporting;

/** A new report run would cross a bound of the run queue; the caller may try again later. */
public class TooManyRunsException extends RuntimeException {

    private final String limit;
    private final int value;

    /**
     * @param limit the property that sets the bound, e.g. {@code pulse.reporting.max-runs-per-caller}
     * @param value the bound
     * @param message what was crossed, for the caller
     */
    public TooManyRunsException(String limit, int value, String message) {
        super(message);
        this.limit = limit;
        this.value = value;
    }

    /** The property that sets the bound. */
    public String limit() {
        return limit;
    }

    /** The bound. */
    public int value() {
        return value;
    }
}
