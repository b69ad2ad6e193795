package dev.pulse.warehouse.query;

/** The caller's role may not use the query layer this way; the web layer answers 403. */
public class SqlForbiddenException extends RuntimeException {

    public SqlForbiddenException(String message) {
        super(message);
    }
}
