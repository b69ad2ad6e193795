package dev.pulse.warehouse.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How metrics are computed and cached; bound from {@code pulse.metrics.*}.
 *
 * @param minSample a cell resting on fewer survey responses than this is flagged {@code small_sample}
 * @param campaignAttributionDays a transaction carrying a campaign's id counts for it until this many
 *     days after the campaign's end
 * @param cacheSize results kept in the result cache
 * @param maxRows the largest {@code limit} a request may ask for
 */
@ConfigurationProperties("pulse.metrics")
public record MetricsSettings(
        @DefaultValue("30") int minSample,
        @DefaultValue("30") int campaignAttributionDays,
        @DefaultValue("500") int cacheSize,
        @DefaultValue("10000") int maxRows) {

    /** The defaults, for code that runs without Spring. */
    public static MetricsSettings defaults() {
        return new MetricsSettings(30, 30, 500, 10_000);
    }

    /**
     * The service-level agreement on feedback; bound from {@code pulse.sla.*}.
     *
     * @param firstResponse the longest a first response may take and still count as within SLA
     */
    @ConfigurationProperties("pulse.sla")
    public record Sla(@DefaultValue("4h") Duration firstResponse) {}
}
