package dev.pulse.warehouse;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Counts committed writes to the warehouse in this process; ingestion advances it after every
 * stored batch, and caches of query results key on it so that new data is never hidden.
 */
@Component
public class WriteWatermark {

    private final AtomicLong value = new AtomicLong(System.currentTimeMillis());

    /** The current mark; it changes after every committed write. */
    public long current() {
        return value.get();
    }

    /** Records that a write was committed. */
    public void advance() {
        value.incrementAndGet();
    }
}
