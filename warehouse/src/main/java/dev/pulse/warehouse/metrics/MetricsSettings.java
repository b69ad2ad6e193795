package dev.pulse.warehouse.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How metrics are computed and cached; bound from {@code pulse.metrics.*}.
 *
 * @param minSample a cell resting on fewer survey responses than this is flagged {@code small_sample}
 * @param campaignAttributionDays a transaction carrying a campaign's id counts for it until this many
 *     days after the campaign's end
 * @param cacheSize results kept in the result cache
 * @param maxRows the largest {@code limit} a request may ask for
 * @param maxFilters the most filters one request may carry
 * @param maxFilterValues the most values one filter may list
 * @param cacheMaxBytes the estimated size of all cached results together; a larger result is not cached
 */
@ConfigurationProperties("pulse.metrics")
public record MetricsSettings(
        @DefaultValue("30") int minSample,
        @DefaultValue("30") int campaignAttributionDays,
        @DefaultValue("500") int cacheSize,
        @DefaultValue("10000") int maxRows,
        @DefaultValue("50") int maxFilters,
        @DefaultValue("1000") int maxFilterValues,
        @DefaultValue("64MB") DataSize cacheMaxBytes) {

    public MetricsSettings {
        if (maxFilters < 0 || maxFilterValues < 1) {
            throw new IllegalArgumentException(
                    "pulse.metrics.max-filters must not be negative and max-filter-values must be at least 1");
        }
        if (cacheMaxBytes == null || cacheMaxBytes.isNegative()) {
            throw new IllegalArgumentException("pulse.metrics.cache-max-bytes must not be negative");
        }
    }

    /** The defaults, for code that runs without Spring. */
    public static MetricsSettings defaults() {
        return new MetricsSettings(30, 30, 500, 10_000, 50, 1000, DataSize.ofMegabytes(64));
    }

    /** The bounds a metric request is checked against. */
    Request.Bounds bounds() {
        return new Request.Bounds(maxRows, maxFilters, maxFilterValues);
    }

    /**
     * The service-level agreement on feedback; bound from {@code pulse.sla.*}.
     *
     * @param firstResponse the longest a first response may take and still count as within SLA
     */
    @ConfigurationProperties("pulse.sla")
    public record Sla(@DefaultValue("4h") Duration firstResponse) {}
}
