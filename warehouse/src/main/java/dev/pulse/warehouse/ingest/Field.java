package dev.pulse.warehouse.ingest;

/**
 * One field of a stream: its name (also the column name), its rule, and what is stored when it is
 * absent.
 *
 * @param name field and column name
 * @param type the rule that checks and converts a value
 * @param required whether an absent or null value rejects the record
 * @param absent what the column stores when an optional field is absent ({@code null} for a
 *     Nullable column, {@code ""} for a plain String)
 */
record Field(String name, FieldType type, boolean required, Object absent) {

    static Field required(String name, FieldType type) {
        return new Field(name, type, true, null);
    }

    static Field optional(String name, FieldType type) {
        return new Field(name, type, false, type.absent());
    }
}
