package dev.pulse.dashboards.accounts;

/** An account or API key request that is not valid; names the field at fault. */
public class InvalidAccountException extends RuntimeException {

    private final String field;

    public InvalidAccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field that was wrong. */
    public String field() {
        return field;
    }
}
