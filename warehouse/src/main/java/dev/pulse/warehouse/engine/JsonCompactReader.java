package dev.pulse.warehouse.engine;

import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.QueryResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads ClickHouse's {@code JSONCompact} output into a {@link QueryResult}; both engines use it
 * so that a value has the same Java type whichever engine produced it.
 */
final class JsonCompactReader {

    static final String FORMAT = "JSONCompact";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();
    private static final Pattern SCALE = Pattern.compile("Decimal(?:\\d+)?\\((?:\\d+\\s*,\\s*)?(\\d+)\\)");
    private static final Pattern ZONE = Pattern.compile("DateTime(?:64)?\\((?:\\d+\\s*,\\s*)?'([^']+)'\\)");

    private JsonCompactReader() {}

    static QueryResult read(byte[] bytes, QueryResult.Stats stats) {
        if (bytes.length == 0) {
            return new QueryResult(List.of(), List.of(), stats);
        }
        try {
            return read(MAPPER.readTree(bytes), stats);
        } catch (RuntimeException e) {
            throw new EngineException("cannot read the engine's answer", e);
        }
    }

    static QueryResult read(InputStream in, QueryResult.Stats stats) throws IOException {
        return read(MAPPER.readTree(in), stats);
    }

    private static QueryResult read(JsonNode root, QueryResult.Stats stats) {
        List<QueryResult.Column> columns = new ArrayList<>();
        for (JsonNode meta : root.path("meta")) {
            columns.add(new QueryResult.Column(
                    meta.path("name").asString(), meta.path("type").asString()));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : root.path("data")) {
            List<Object> values = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                values.add(convert(row.get(i), columns.get(i).type()));
            }
            rows.add(values);
        }
        JsonNode statistics = root.path("statistics");
        if (stats == QueryResult.Stats.NONE && statistics.isObject()) {
            stats = new QueryResult.Stats(
                    statistics.path("rows_read").asLong(),
                    statistics.path("bytes_read").asLong(),
                    statistics.path("elapsed").asDouble());
        }
        return new QueryResult(columns, rows, stats);
    }

    static Object convert(JsonNode node, String type) {
        if (node == null || node.isNull()) {
            return null;
        }
        String t = unwrap(type);
        if (t.startsWith("Array(")) {
            String inner = t.substring(6, t.length() - 1);
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(convert(element, inner)));
            return list;
        }
        if (t.startsWith("Int") || t.startsWith("UInt")) {
            return node.isNumber() ? node.asLong() : Long.parseLong(node.asString());
        }
        if (t.startsWith("Float")) {
            return node.isNumber() ? node.asDouble() : parseFloat(node.asString());
        }
        if (t.startsWith("Decimal")) {
            BigDecimal value = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asString());
            Matcher scale = SCALE.matcher(t);
            return scale.find() ? value.setScale(Integer.parseInt(scale.group(1))) : value;
        }
        if (t.equals("Bool")) {
            return node.isBoolean() ? node.asBoolean() : "true".equals(node.asString());
        }
        if (t.equals("Date") || t.equals("Date32")) {
            return LocalDate.parse(node.asString());
        }
        if (t.startsWith("DateTime")) {
            Matcher zone = ZONE.matcher(t);
            ZoneId id = zone.find() ? ZoneId.of(zone.group(1)) : ZoneOffset.UTC;
            return LocalDateTime.parse(node.asString(), DATE_TIME).atZone(id).toInstant();
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        return MAPPER.convertValue(node, Object.class);
    }

    private static Double parseFloat(String text) {
        return switch (text) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static String unwrap(String type) {
        String t = type;
        while (true) {
            if (t.startsWith("Nullable(")) {
                t = t.substring(9, t.length() - 1);
            } else if (t.startsWith("LowCardinality(")) {
                t = t.substring(15, t.length() - 1);
            } else {
                return t;
            }
        }
    }
}
