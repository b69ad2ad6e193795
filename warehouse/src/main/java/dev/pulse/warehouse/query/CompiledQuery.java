package dev.pulse.warehouse.query;

import java.util.Map;

/**
 * ClickHouse SQL ready to run: the text holds only {@code {name:Type}} placeholders, the values
 * travel in {@code params}; {@code plan} is Calcite's explanation of the secured plan.
 */
public record CompiledQuery(String sql, Map<String, Object> params, String plan) {

    public CompiledQuery {
        params = Map.copyOf(params);
    }
}
