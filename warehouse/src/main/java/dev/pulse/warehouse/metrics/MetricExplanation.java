package dev.pulse.warehouse.metrics;

import java.util.List;
import java.util.Map;

/** What a metric request would run: one compiled statement per source, none of them run. */
public record MetricExplanation(List<Statement> statements) {

    public MetricExplanation {
        statements = List.copyOf(statements);
    }

    /** One statement: the source it reads, its ClickHouse SQL, its bound parameters and the Calcite plan. */
    public record Statement(String source, String sql, Map<String, Object> params, String plan) {}
}
