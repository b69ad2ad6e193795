package dev.pulse.reporting.runs;

import java.time.Instant;

/** An instance's hold on a run: who holds it and until when, unless the holder renews it. */
record Lease(String owner, Instant until) {}
