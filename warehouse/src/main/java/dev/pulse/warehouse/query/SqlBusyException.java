package dev.pulse.warehouse.query;

/** Every analyst-query slot is taken: the caller should retry shortly; nothing ran. */
public class SqlBusyException extends RuntimeException {

    SqlBusyException(int slots) {
        super("the warehouse is already running " + slots + " analyst queries, the limit "
                + "(pulse.warehouse.query.max-concurrent); retry shortly");
    }
}
