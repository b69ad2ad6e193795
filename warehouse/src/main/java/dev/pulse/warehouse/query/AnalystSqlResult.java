package dev.pulse.warehouse.query;

import java.util.List;

/**
 * The answer to one analyst query: columns as ClickHouse typed them, the rows, and what ran.
 *
 * @param truncated whether more rows existed than {@code pulse.warehouse.query.max-rows}
 */
public record AnalystSqlResult(List<Column> columns, List<List<Object>> rows, Meta meta) {

    /** A result column. */
    public record Column(String name, String type) {}

    /**
     * What ran: the compiled ClickHouse SQL (placeholders, no values), how long and how much it read.
     */
    public record Meta(String sql, long elapsedMs, long rowsRead, boolean truncated) {}
}
