package dev.pulse.warehouse.query;

/** Lets the application's tests see how many analyst-query slots are taken. */
public final class AnalystSqlSlots {

    private AnalystSqlSlots() {}

    /** Analyst queries holding a slot in {@code analystSql} now. */
    public static int running(AnalystSql analystSql) {
        return analystSql.running();
    }
}
