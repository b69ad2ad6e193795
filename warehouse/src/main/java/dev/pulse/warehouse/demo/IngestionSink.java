package dev.pulse.warehouse.demo;

import dev.pulse.warehouse.Ingestion;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands demo batches to {@link Ingestion}, the path the API uses, and logs progress in percent and
 * rows per second; a rejected demo line is a bug in the generator, so it is logged loudly.
 */
final class IngestionSink implements DemoDataGenerator.BatchSink {

    private static final Logger log = LoggerFactory.getLogger(IngestionSink.class);

    private final Ingestion ingestion;
    private final long expected;
    private final BooleanSupplier stopped;
    private final long started = System.nanoTime();
    private final Map<String, AtomicLong> stored = new ConcurrentHashMap<>();
    private long written;
    private long rejected;
    private int lastPercent;

    IngestionSink(Ingestion ingestion, long expected, BooleanSupplier stopped) {
        this.ingestion = ingestion;
        this.expected = Math.max(1, expected);
        this.stopped = stopped;
    }

    @Override
    public void write(String stream, byte[] ndjson, int rows) {
        if (stopped.getAsBoolean()) {
            throw new CancellationException("the application is stopping");
        }
        Ingestion.IngestResult result =
                ingestion.ingest(stream, new ByteArrayInputStream(ndjson), Ingestion.BodyFormat.NDJSON, false);
        stored.computeIfAbsent(stream, s -> new AtomicLong()).addAndGet(result.accepted() + result.duplicates());
        if (!result.rejected().isEmpty()) {
            rejected += result.rejected().size();
            log.warn(
                    "Demo data: {} of {} {} rejected, first: {}",
                    result.rejected().size(),
                    rows,
                    stream,
                    result.rejected().getFirst());
        }
        written += rows;
        int percent = (int) Math.min(100, written * 100 / expected);
        if (percent / 10 > lastPercent / 10) {
            lastPercent = percent;
            log.info("Demo data: {}% ({} rows, {} rows/s)", percent, written, Math.round(written / seconds()));
        }
    }

    /** Rows stored (accepted or already there) per stream. */
    Map<String, Long> stored() {
        Map<String, Long> out = new TreeMap<>();
        stored.forEach((stream, n) -> out.put(stream, n.get()));
        return out;
    }

    long rejected() {
        return rejected;
    }

    double seconds() {
        return Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    }
}
