package dev.pulse.warehouse.metrics;

import java.time.LocalDate;
import java.util.List;

/**
 * A metric request: which metrics, sliced by which dimensions, over which days.
 *
 * @param metrics metric names from the catalogue, at least one
 * @param dimensions dimension or time-grain names, possibly empty
 * @param filters restrictions on dimension values, possibly empty
 * @param from first day, in {@code pulse.timezone}
 * @param to first day after the range (exclusive), in {@code pulse.timezone}
 * @param orderBy sort keys among the requested columns; empty = by the dimensions
 * @param limit maximum rows, null for the default
 * @param compareTo the comparison period, null for none
 */
public record MetricQuery(
        List<String> metrics,
        List<String> dimensions,
        List<Filter> filters,
        LocalDate from,
        LocalDate to,
        List<Order> orderBy,
        Integer limit,
        Comparison compareTo) {

    public MetricQuery {
        metrics = copy(metrics);
        dimensions = copy(dimensions);
        filters = copy(filters);
        orderBy = copy(orderBy);
    }

    /** An unmodifiable copy that keeps null elements, so that validation can name them rather than fail here. */
    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }

    /** A request for metrics by dimensions over [from, to) with no filter, order, limit or comparison. */
    public static MetricQuery of(List<String> metrics, List<String> dimensions, LocalDate from, LocalDate to) {
        return new MetricQuery(metrics, dimensions, List.of(), from, to, List.of(), null, null);
    }

    /** A restriction on the values of one dimension. */
    public record Filter(String dimension, Op op, List<String> values) {
        public Filter {
            values = copy(values);
        }
    }

    /** How a filter compares. */
    public enum Op {
        IN,
        NOT_IN,
        EQ,
        NE
    }

    /** One sort key: a requested dimension or metric, or a comparison column. */
    public record Order(String field, Direction direction) {}

    /** Sort direction. */
    public enum Direction {
        ASC,
        DESC
    }

    /** Which period a result is compared with. */
    public enum Comparison {
        PREVIOUS_PERIOD,
        PREVIOUS_YEAR
    }
}
