package dev.pulse.warehouse.metrics;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.WriteWatermark;
import dev.pulse.warehouse.query.SqlCompiler;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Governed metrics: every number a dashboard, report or alert shows is asked for here, so that
 * they can never disagree. Every request is compiled under the caller's scope.
 */
public interface Metrics {

    /**
     * Computes the requested metrics sliced by the requested dimensions.
     *
     * @param query the request, must not be null
     * @param caller whose regions bound the rows read, must not be null
     * @param locale the language of the column labels (Chinese unless English is asked for), must not be null
     * @return columns (dimensions first, then metrics, in request order) and rows
     * @throws InvalidFieldException naming the field when the request is not valid
     */
    MetricResult run(MetricQuery query, Caller caller, Locale locale);

    /** {@link #run(MetricQuery, Caller, Locale)} with Chinese labels. */
    default MetricResult run(MetricQuery query, Caller caller) {
        return run(query, caller, Locale.SIMPLIFIED_CHINESE);
    }

    /**
     * Compiles the request as {@link #run} would, without running it.
     *
     * @param query the request, must not be null
     * @param caller whose scope the plans are compiled under, must not be null
     * @return the SQL of every statement with its parameters and the Calcite plans
     * @throws InvalidFieldException naming the field when the request is not valid
     */
    MetricExplanation explain(MetricQuery query, Caller caller);

    /**
     * Metrics with the default settings over a compiler and engine of the caller's choice, outside
     * the application, e.g. for a benchmark that compares compilers.
     *
     * @param zone the zone of {@code pulse.timezone}
     */
    static Metrics standalone(SqlCompiler compiler, ClickHouseEngine engine, ZoneId zone) {
        MetricsSettings settings = MetricsSettings.defaults();
        Plans plans = new Plans(compiler, zone, settings.campaignAttributionDays(), Duration.ofHours(4));
        return new MetricService(Catalogue.load(), compiler, engine, new WriteWatermark(), settings, plans);
    }
}
