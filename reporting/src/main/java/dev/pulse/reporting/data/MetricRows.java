package dev.pulse.reporting.data;

import dev.pulse.warehouse.metrics.MetricResult;
import java.math.BigDecimal;
import java.util.List;

/** Reads one row of a metric result by column name, as the types the report records use. */
record MetricRows(MetricResult result, List<Object> row) {

    /** The single row of an undimensioned result, or an all-null row when there was no data. */
    static MetricRows single(MetricResult result) {
        List<Object> row = result.rows().isEmpty()
                ? java.util.Collections.nCopies(result.columns().size(), null)
                : result.rows().getFirst();
        return new MetricRows(result, row);
    }

    /** Every row of the result. */
    static List<MetricRows> all(MetricResult result) {
        return result.rows().stream().map(row -> new MetricRows(result, row)).toList();
    }

    Object raw(String column) {
        return row.get(result.indexOf(column));
    }

    String text(String column) {
        Object value = raw(column);
        return value == null ? null : value.toString();
    }

    Double number(String column) {
        return switch (raw(column)) {
            case null -> null;
            case BigDecimal d -> d.doubleValue();
            case Number n -> n.doubleValue();
            case Object other -> throw new IllegalStateException("column " + column + " is not a number: " + other);
        };
    }

    Long count(String column) {
        return switch (raw(column)) {
            case null -> null;
            case Number n -> n.longValue();
            case Object other -> throw new IllegalStateException("column " + column + " is not a count: " + other);
        };
    }

    Boolean flag(String column) {
        return (Boolean) raw(column);
    }
}
