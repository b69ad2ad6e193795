package dev.pulse.reporting.web;

import dev.pulse.kernel.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads request bodies field by field, so that every mistake is a 400 naming its field. */
final class JsonFields {

    private JsonFields() {}

    /** Checks that {@code body} is an object with no field outside {@code allowed}. */
    static JsonNode object(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw new InvalidFieldException("body", "the body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new InvalidFieldException(name, "unknown field " + name + "; expected " + allowed);
            }
        }
        return body;
    }

    /** The string value of {@code field}, or null when it is absent or null. */
    static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidFieldException(field, field + " must be a string");
        }
        return node.stringValue();
    }

    /** The strings of a list, or an empty list when it is absent or null. */
    static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidFieldException(field, field + " must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isString()) {
                throw new InvalidFieldException(field, field + " must be a list of strings");
            }
            values.add(value.stringValue());
        }
        return values;
    }
}
