package dev.pulse.warehouse.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The answer to a metric request: typed, labelled columns and rows of plain values
 * ({@code String}, {@code LocalDate}, {@code Long}, {@code BigDecimal}, {@code Boolean}, or null).
 */
public record MetricResult(List<Column> columns, List<List<Object>> rows, Meta meta) {

    public MetricResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
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

    /**
     * A column: its name as requested, its type ({@code string}, {@code date}, {@code integer}, {@code decimal},
     * {@code boolean}) and label; for a dimension whose values are codes ({@code theme}, {@code nps_group}), the
     * label of each value in the same language, else empty (and left out of JSON).
     */
    public record Column(
            String name,
            String type,
            String label,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> values) {

        public Column {
            values = values == null
                    ? Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }

        /** A column whose values are shown as they are. */
        public Column(String name, String type, String label) {
            this(name, type, label, Map.of());
        }
    }

    /** How the rows were obtained: the SQL run (statements separated by {@code ;\n}), time, rows read, cache hit. */
    public record Meta(String sql, long elapsedMs, long rowsRead, boolean cached) {}
}
