package dev.pulse.warehouse.metrics.web;

import dev.pulse.warehouse.metrics.MetricQuery;
import tools.jackson.databind.json.JsonMapper;

/** For {@code dev.pulse.bench.QueryBench} only: reads a request body exactly as {@code POST /api/v1/query} does. */
public final class QueryBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private QueryBodies() {}

    public static MetricQuery read(String body) {
        return QueryRequestReader.read(JSON.readTree(body));
    }
}
