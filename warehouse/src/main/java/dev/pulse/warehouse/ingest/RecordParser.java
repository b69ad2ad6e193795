package dev.pulse.warehouse.ingest;

/** Reads records one by one from a body in one format. */
interface RecordParser {

    /** The next record or rejection; null at the end of the body. */
    RawRecord.Parsed next();
}
