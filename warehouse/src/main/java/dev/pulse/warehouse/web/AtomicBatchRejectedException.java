package dev.pulse.warehouse.web;

import dev.pulse.warehouse.Ingestion.Rejection;
import java.util.List;

/** An atomic batch with bad records: nothing was stored. */
final class AtomicBatchRejectedException extends RuntimeException {

    private final transient List<Rejection> rejected;

    AtomicBatchRejectedException(List<Rejection> rejected) {
        super(
                "the batch is atomic and " + rejected.size() + " records are invalid; nothing was stored",
                null,
                false,
                false);
        this.rejected = rejected;
    }

    List<Rejection> rejected() {
        return rejected;
    }
}
