package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.Ingestion.Rejection;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks a record against its stream's fields and cross-field rules; the first problem found
 * rejects the record, naming the field.
 */
final class RecordValidator {

    private final StreamSpec spec;
    private final Map<String, Field> fields;

    RecordValidator(StreamSpec spec) {
        this.spec = spec;
        this.fields = spec.byName();
    }

    /** Either {@code row} or {@code rejection} is set. */
    record Outcome(Row row, Rejection rejection) {}

    Outcome validate(RawRecord record) {
        Map<String, Object> values = new LinkedHashMap<>(32);
        int present = 0;
        Outcome firstProblem = null;
        for (Field field : spec.fields()) {
            JsonNode value = record.fields().get(field.name());
            if (value != null) {
                present++;
            }
            if (firstProblem != null) {
                continue;
            }
            if (value == null || value.isNull()) {
                if (field.required()) {
                    firstProblem = reject(record, field.name(), "required");
                }
                values.put(field.name(), field.absent());
                continue;
            }
            try {
                values.put(field.name(), field.type().convert(value, record.fromText()));
            } catch (FieldError e) {
                firstProblem = reject(record, field.name(), e.getMessage());
            }
        }
        if (present < record.fields().size()) {
            // an unknown field goes first (a misspelt name also makes its field look absent); the
            // scan for its name runs only here because most records have none
            for (String name : record.fields().propertyNames()) {
                if (!fields.containsKey(name)) {
                    return reject(record, TextChecks.echo(name), "unknown field");
                }
            }
        }
        if (firstProblem != null) {
            return firstProblem;
        }
        StreamSpec.Problem problem = spec.check().apply(values);
        if (problem != null) {
            return reject(record, problem.field(), problem.error());
        }
        return new Outcome(new Row(record.line(), values), null);
    }

    private static Outcome reject(RawRecord record, String field, String error) {
        return new Outcome(null, new Rejection(record.line(), field, error));
    }
}
