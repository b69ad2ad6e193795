package dev.pulse.warehouse;

import java.util.Map;

/**
 * The one door to ClickHouse, embedded (chDB in this process) or a server; thread-safe.
 *
 * <p>Only SQL built or validated by Pulse reaches it: an embedded engine can read any file the
 * process can, so callers never pass user text as SQL. Values travel as bound parameters.
 */
public interface ClickHouseEngine extends AutoCloseable {

    /**
     * Runs a statement that returns no rows (DDL, {@code INSERT ... SELECT}, {@code OPTIMIZE}).
     *
     * @param sql one statement, must not be null
     * @throws EngineException with the ClickHouse error code when the engine refuses it
     */
    void execute(String sql);

    /**
     * Runs a query whose {@code {name:Type}} placeholders are bound to {@code params}.
     *
     * @param sql one query, must not be null
     * @param params placeholder values by name (String, Number, Boolean, LocalDate, Instant or a
     *     Collection of those), must not be null; values never become SQL text
     * @return the columns with their ClickHouse types and the rows
     * @throws EngineException with the ClickHouse error code when the query fails
     */
    QueryResult query(String sql, Map<String, ?> params);

    /** Runs a query without parameters; see {@link #query(String, Map)}. */
    default QueryResult query(String sql) {
        return query(sql, Map.of());
    }

    /**
     * Inserts rows given in a ClickHouse input format; returns once they are committed.
     *
     * @param table a table name known to Pulse (never user input), must not be null
     * @param format the format of {@code data}, must not be null
     * @param data the rows, UTF-8, must not be null
     */
    void insert(String table, InputFormat format, byte[] data);

    /**
     * Whether this process is the only one that can write to the warehouse: true for the embedded
     * engine, whose storage one process holds; false for a server, which other processes may share.
     * Ingestion may then remember what it stored instead of asking the engine every time.
     */
    default boolean soleWriter() {
        return false;
    }

    /** Which engine this is and what it answers; never throws. */
    EngineHealth health();

    /** Closes every connection; the engine is unusable afterwards. */
    @Override
    void close();

    /** Input formats Pulse writes. */
    enum InputFormat {
        JSON_EACH_ROW("JSONEachRow"),
        /** A line of column names, then tab-separated rows: columns are matched by name. */
        TAB_SEPARATED_WITH_NAMES("TabSeparatedWithNames");

        private final String clickHouseName;

        InputFormat(String clickHouseName) {
            this.clickHouseName = clickHouseName;
        }

        /** The name ClickHouse knows the format by. */
        public String clickHouseName() {
            return clickHouseName;
        }
    }
}
