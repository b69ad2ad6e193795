package dev.pulse.dashboards.pages;

/** A dashboard URL parameter that is not valid; names the parameter. */
final class BadFilterException extends RuntimeException {

    private final String field;

    BadFilterException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
