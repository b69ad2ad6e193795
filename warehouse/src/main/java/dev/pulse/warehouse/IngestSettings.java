package dev.pulse.warehouse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the ingestion API; bound from {@code pulse.ingest.*}.
 *
 * @param maxBodyBytes the request body as sent (compressed or not); larger is refused with 413
 *     before it is read whole
 * @param maxDecompressedBytes a gzip body after decompression; stops gzip bombs
 * @param maxLineBytes one NDJSON line or CSV record; a longer one is rejected on its own
 * @param maxRows records in one request; more is refused with 413
 * @param maxConcurrentRequests requests ingested at once; further ones get 429 with Retry-After
 * @param fsync whether a batch is on disk, not only in the page cache, before it is acknowledged, so
 *     that it survives a power loss as well as a crash of the process (see {@link PartFsync})
 */
@ConfigurationProperties("pulse.ingest")
public record IngestSettings(
        @DefaultValue("64MB") DataSize maxBodyBytes,
        @DefaultValue("256MB") DataSize maxDecompressedBytes,
        @DefaultValue("1MB") DataSize maxLineBytes,
        @DefaultValue("100000") int maxRows,
        @DefaultValue("4") int maxConcurrentRequests,
        @DefaultValue("true") boolean fsync) {

    /** The defaults, for code that runs without Spring. */
    public static IngestSettings defaults() {
        return new IngestSettings(
                DataSize.ofMegabytes(64), DataSize.ofMegabytes(256), DataSize.ofMegabytes(1), 100_000, 4, true);
    }
}
