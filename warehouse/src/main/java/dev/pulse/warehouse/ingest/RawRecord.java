package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.Ingestion.Rejection;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One record as sent, before validation: field values by name and where it started.
 *
 * @param line the 1-based line where the record starts
 * @param fields values by field name; a CSV cell is a JSON string, an empty cell is absent
 * @param fromText true for CSV, whose cells are all text, so {@code "7"} may be read as a number
 */
record RawRecord(long line, Map<String, JsonNode> fields, boolean fromText) {

    /** A record, or why the lines could not be read as one. */
    record Parsed(RawRecord record, Rejection rejection) {

        static Parsed of(RawRecord record) {
            return new Parsed(record, null);
        }

        static Parsed rejected(long line, String field, String error) {
            return new Parsed(null, new Rejection(line, field, error));
        }
    }
}
