package dev.pulse.warehouse.metrics.web;

import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.MetricQuery.Comparison;
import dev.pulse.warehouse.metrics.MetricQuery.Direction;
import dev.pulse.warehouse.metrics.MetricQuery.Filter;
import dev.pulse.warehouse.metrics.MetricQuery.Op;
import dev.pulse.warehouse.metrics.MetricQuery.Order;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON body of {@code POST /api/v1/query} into a {@link MetricQuery}, field by field, so
 * that a value of the wrong kind or an unknown field is refused with the path of that field
 * (e.g. {@code filters[0].op}) rather than dropped or reported as an unreadable body.
 */
public final class QueryRequestReader {

    private static final Set<String> FIELDS =
            Set.of("metrics", "dimensions", "filters", "from", "to", "orderBy", "limit", "compareTo");
    private static final Set<String> FILTER_FIELDS = Set.of("dimension", "op", "values");
    private static final Set<String> ORDER_FIELDS = Set.of("field", "direction");
    private static final Map<String, Op> OPS = Map.of("in", Op.IN, "not_in", Op.NOT_IN, "eq", Op.EQ, "ne", Op.NE);

    private QueryRequestReader() {}

    /** Reads one request body; public for the query benchmark, which reads its cases as the API does. */
    public static MetricQuery read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidFieldException("body", "the body must be a JSON object");
        }
        known(body, FIELDS, "");
        List<String> metrics = strings(body.get("metrics"), "metrics");
        List<String> dimensions = strings(body.get("dimensions"), "dimensions");
        List<Filter> filters = new ArrayList<>();
        List<JsonNode> filterNodes = array(body.get("filters"), "filters");
        for (int i = 0; i < filterNodes.size(); i++) {
            String field = "filters[" + i + "]";
            JsonNode f = object(filterNodes.get(i), field);
            known(f, FILTER_FIELDS, field + ".");
            filters.add(new Filter(
                    string(f.get("dimension"), field + ".dimension"),
                    choice(f.get("op"), field + ".op", OPS),
                    strings(f.get("values"), field + ".values")));
        }
        List<Order> orderBy = new ArrayList<>();
        List<JsonNode> orderNodes = array(body.get("orderBy"), "orderBy");
        for (int i = 0; i < orderNodes.size(); i++) {
            String field = "orderBy[" + i + "]";
            JsonNode o = object(orderNodes.get(i), field);
            known(o, ORDER_FIELDS, field + ".");
            orderBy.add(new Order(
                    string(o.get("field"), field + ".field"),
                    choice(
                            o.get("direction"),
                            field + ".direction",
                            Map.of("asc", Direction.ASC, "desc", Direction.DESC))));
        }
        return new MetricQuery(
                metrics,
                dimensions,
                filters,
                date(body.get("from"), "from"),
                date(body.get("to"), "to"),
                orderBy,
                limit(body.get("limit")),
                choice(
                        body.get("compareTo"),
                        "compareTo",
                        Map.of(
                                "previous_period",
                                Comparison.PREVIOUS_PERIOD,
                                "previous_year",
                                Comparison.PREVIOUS_YEAR)));
    }

    private static void known(JsonNode node, Set<String> fields, String prefix) {
        for (String name : node.propertyNames()) {
            if (!fields.contains(name)) {
                throw new InvalidFieldException(
                        prefix + name, "unknown field '" + name + "'; known fields are " + sorted(fields));
            }
        }
    }

    private static List<JsonNode> array(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidFieldException(field, field + " must be an array");
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    private static JsonNode object(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new InvalidFieldException(field, field + " must be an object");
        }
        return node;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<JsonNode> items = array(node, field);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(string(items.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static String string(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidFieldException(field, field + " must be a string");
        }
        return node.asString();
    }

    private static <T> T choice(JsonNode node, String field, Map<String, T> choices) {
        String value = string(node, field);
        if (value == null) {
            return null;
        }
        T choice = choices.get(value.toLowerCase(Locale.ROOT));
        if (choice == null) {
            throw new InvalidFieldException(field, "'" + value + "' is not one of " + sorted(choices.keySet()));
        }
        return choice;
    }

    private static LocalDate date(JsonNode node, String field) {
        return date(string(node, field), field);
    }

    /** A day as {@code yyyy-MM-dd}, null when absent; otherwise a refusal naming {@code field}. */
    static LocalDate date(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "'" + value + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static Integer limit(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidFieldException("limit", "limit must be a whole number");
        }
        return node.asInt();
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
