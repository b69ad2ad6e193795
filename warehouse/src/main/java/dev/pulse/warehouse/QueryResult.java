package dev.pulse.warehouse;

import java.util.List;

/**
 * Rows returned by the engine, with each column's name and ClickHouse type.
 *
 * <p>Values are Java values: {@code Long} for integers, {@code Double} for floats,
 * {@code BigDecimal} for decimals, {@code String}, {@code LocalDate} for dates, {@code Instant}
 * for date-times, {@code Boolean}, {@code List} for arrays, and {@code null} for NULL.
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, Stats stats) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** A result column as the engine named and typed it. */
    public record Column(String name, String type) {}

    /** What the engine reports about the work done. */
    public record Stats(long rowsRead, long bytesRead, double elapsedSeconds) {
        public static final Stats NONE = new Stats(0, 0, 0);
    }

    /** The value in the first column of the first row, or null when there are no rows. */
    public Object single() {
        return rows.isEmpty() ? null : rows.getFirst().getFirst();
    }

    /** The index of the named column. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }
}
