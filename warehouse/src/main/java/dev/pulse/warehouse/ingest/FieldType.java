package dev.pulse.warehouse.ingest;

import tools.jackson.databind.JsonNode;

/** Checks one value and converts it to what its column stores (a value JSONEachRow writes as is). */
interface FieldType {

    /**
     * @param value a non-null, non-JSON-null value
     * @param fromText true when the value came from CSV, where every cell is text
     * @throws FieldError naming what is wrong
     */
    Object convert(JsonNode value, boolean fromText) throws FieldError;

    /** What the column stores when the field is absent. */
    default Object absent() {
        return "";
    }
}
