package dev.pulse.warehouse;

import java.io.InputStream;
import java.util.List;

/**
 * Validates and stores records of one stream, idempotently: a record whose key is already stored
 * counts as a duplicate and is not stored again.
 */
public interface Ingestion {

    /**
     * Reads, validates and stores a batch; returns once the accepted rows are committed.
     *
     * @param stream the stream name as in the API path, e.g. {@code transactions}, must not be null
     * @param body the batch in {@code format}, UTF-8, already decompressed, must not be null
     * @param format NDJSON or CSV, must not be null
     * @param atomic when true, nothing is stored if any record is rejected
     * @return what was stored and what was not
     */
    IngestResult ingest(String stream, InputStream body, BodyFormat format, boolean atomic);

    /** How a batch is written. */
    enum BodyFormat {
        NDJSON,
        CSV
    }

    /** What happened to a batch. {@code stored} is false only for an atomic batch with rejections. */
    record IngestResult(int accepted, int duplicates, List<Rejection> rejected, boolean stored) {}

    /** One record that was not stored: its line (1-based), the field at fault, and why. */
    record Rejection(long line, String field, String error) {}
}
