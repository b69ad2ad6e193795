package dev.pulse.warehouse.metrics;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.query.SqlCompiler;
import java.time.Duration;
import java.time.ZoneId;

/**
 * For {@code dev.pulse.bench.QueryBench} only: the metrics service over a compiler the bench chose,
 * so that compile time can be measured with and without the plan cache.
 */
public final class BenchMetrics {

    private BenchMetrics() {}

    public static Metrics over(SqlCompiler compiler, ClickHouseEngine engine, ZoneId zone) {
        MetricsSettings settings = MetricsSettings.defaults();
        Plans plans = new Plans(compiler, zone, settings.campaignAttributionDays(), Duration.ofHours(4));
        return new MetricService(Catalogue.load(), compiler, engine, new WriteWatermark(), settings, plans);
    }
}
