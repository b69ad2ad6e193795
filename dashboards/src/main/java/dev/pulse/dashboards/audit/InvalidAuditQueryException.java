package dev.pulse.dashboards.audit;

/** A filter of the audit log that is not valid; names the parameter at fault. */
class InvalidAuditQueryException extends RuntimeException {

    private final String field;

    InvalidAuditQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
