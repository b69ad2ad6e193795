package dev.pulse.warehouse.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the query layer; bound from {@code pulse.warehouse.query.*}.
 *
 * @param planCacheSize how many compiled plan shapes to keep (0: no cache)
 * @param maxSqlBytes the largest analyst SQL text accepted, in UTF-8 bytes
 * @param maxNesting the deepest nesting of parentheses accepted in analyst SQL
 * @param maxRows the most rows an analyst query returns; more are cut and flagged
 * @param timeout how long an analyst query may run in the engine
 * @param maxRowsToRead rows an analyst query may read from the views, subqueries and joins included
 * @param maxBytesToRead bytes (uncompressed) an analyst query may read
 * @param maxResultBytes the largest answer, counted as the text of its values
 * @param maxMemoryUsage memory one analyst query may use in the engine; below
 *     {@code pulse.warehouse.max-memory-usage}, which dashboards and reports get
 * @param maxConcurrent analyst queries in the engine at once; above, 429 with {@code Retry-After}
 */
@ConfigurationProperties("pulse.warehouse.query")
record QuerySettings(
        @DefaultValue("1000") int planCacheSize,
        @DefaultValue("65536") int maxSqlBytes,
        @DefaultValue("64") int maxNesting,
        @DefaultValue("10000") int maxRows,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("100000000") long maxRowsToRead,
        @DefaultValue("10GB") DataSize maxBytesToRead,
        @DefaultValue("64MB") DataSize maxResultBytes,
        @DefaultValue("1GB") DataSize maxMemoryUsage,
        @DefaultValue("2") int maxConcurrent) {

    /** Bound from the properties: the other constructor is for tests that set only the text, rows and time. */
    @ConstructorBinding
    QuerySettings {}

    /** These limits of the text, rows and time, with the engine limits at their defaults. */
    QuerySettings(int planCacheSize, int maxSqlBytes, int maxNesting, int maxRows, Duration timeout) {
        this(
                planCacheSize,
                maxSqlBytes,
                maxNesting,
                maxRows,
                timeout,
                100_000_000L,
                DataSize.ofGigabytes(10),
                DataSize.ofMegabytes(64),
                DataSize.ofGigabytes(1),
                2);
    }

    /** The defaults, for code that runs without Spring. */
    static QuerySettings defaults() {
        return new QuerySettings(1000, 65536, 64, 10000, Duration.ofSeconds(30));
    }
}
