package dev.pulse.warehouse.query;

import dev.pulse.kernel.NotAllowedException;

/** The caller's role may not use the query layer this way; the web layer answers 403. */
public class SqlForbiddenException extends NotAllowedException {

    public SqlForbiddenException(String message) {
        super(message, null);
    }
}
