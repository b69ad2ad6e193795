package dev.pulse.warehouse.ingest;

/** A value that breaks its field's rule; cheap (no stack trace) because bad batches may hold many. */
final class FieldError extends Exception {

    FieldError(String message) {
        super(message, null, false, false);
    }
}
