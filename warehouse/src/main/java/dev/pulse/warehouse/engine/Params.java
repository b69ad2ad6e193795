package dev.pulse.warehouse.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Formats Java values as the text ClickHouse parses for a {@code {name:Type}} placeholder
 * (the escaped text format); the value stays data whatever characters it holds.
 */
final class Params {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Params() {}

    /** Names and formatted values in the same order. */
    record Bound(List<String> names, List<String> values) {}

    static Bound bind(Map<String, ?> params) {
        List<String> names = List.copyOf(params.keySet());
        List<String> values =
                names.stream().map(name -> format(params.get(name))).toList();
        return new Bound(names, values);
    }

    static String format(Object value) {
        return switch (value) {
            case null -> "\\N";
            case String s -> escape(s);
            case Collection<?> c -> c.stream().map(Params::literal).collect(Collectors.joining(",", "[", "]"));
            default -> scalar(value);
        };
    }

    /** A value inside an array: strings quoted, as in a SQL literal. */
    private static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String s -> quote(s);
            case LocalDate d -> quote(d.toString());
            case Instant i -> quote(DATE_TIME.format(i));
            case Collection<?> c -> c.stream().map(Params::literal).collect(Collectors.joining(",", "[", "]"));
            default -> scalar(value);
        };
    }

    private static String scalar(Object value) {
        return switch (value) {
            case BigDecimal d -> d.toPlainString();
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case LocalDate d -> d.toString();
            case Instant i -> DATE_TIME.format(i);
            default ->
                throw new IllegalArgumentException(
                        "cannot bind a value of " + value.getClass().getSimpleName());
        };
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
