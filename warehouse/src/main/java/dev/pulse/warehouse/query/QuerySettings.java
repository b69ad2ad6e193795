package dev.pulse.warehouse.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the query layer; bound from {@code pulse.warehouse.query.*}.
 *
 * @param planCacheSize how many compiled plan shapes to keep (0: no cache)
 * @param maxSqlBytes the largest analyst SQL text accepted, in UTF-8 bytes
 * @param maxNesting the deepest nesting of parentheses accepted in analyst SQL
 * @param maxRows the most rows an analyst query returns; more are cut and flagged
 * @param timeout how long an analyst query may run in the engine
 */
@ConfigurationProperties("pulse.warehouse.query")
record QuerySettings(
        @DefaultValue("1000") int planCacheSize,
        @DefaultValue("65536") int maxSqlBytes,
        @DefaultValue("64") int maxNesting,
        @DefaultValue("10000") int maxRows,
        @DefaultValue("30s") Duration timeout) {

    /** The defaults, for code that runs without Spring. */
    static QuerySettings defaults() {
        return new QuerySettings(1000, 65536, 64, 10000, Duration.ofSeconds(30));
    }
}
