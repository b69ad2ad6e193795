package dev.pulse.warehouse.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One ingestion stream: its API name, raw table, fields, how its key decides duplicates, and the
 * rules that span fields.
 *
 * @param path the name in {@code /api/v1/ingest/{stream}}
 * @param table the {@code *_raw} table rows go to
 * @param fields every field, in column order
 * @param keying how a record is recognised as already stored
 * @param check rules across fields; returns the problem or null
 */
record StreamSpec(
        String path, String table, List<Field> fields, Keying keying, Function<Map<String, Object>, Problem> check) {

    /** How duplicates are recognised. */
    enum Keying {
        /** Events: the same {@code event_id} is the same record. */
        EVENT,
        /** Customers: same {@code customer_id} and {@code updated_at} is the same version; the newest wins. */
        VERSIONED,
        /** Campaigns: the last write wins; a write identical to the current one is a duplicate. */
        LAST_WRITE
    }

    /** A field at fault and why. */
    record Problem(String field, String error) {}

    /** Fields by name, for lookups while validating. */
    Map<String, Field> byName() {
        Map<String, Field> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.name(), f));
        return map;
    }

    /** The name of the key field. */
    String keyField() {
        return fields.getFirst().name();
    }
}
