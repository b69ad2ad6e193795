package dev.pulse.warehouse.demo;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Appends one NDJSON object to a batch, field by field; hand-written because the generator writes
 * well over a million lines and a tree per line would cost more than the ingestion it feeds.
 */
final class JsonLine {

    private final StringBuilder out;
    private boolean first;

    JsonLine(StringBuilder out) {
        this.out = out;
    }

    JsonLine begin() {
        out.append('{');
        first = true;
        return this;
    }

    void end() {
        out.append("}\n");
    }

    JsonLine text(String name, String value) {
        if (value == null) {
            return this;
        }
        key(name).append('"');
        escape(value);
        out.append('"');
        return this;
    }

    JsonLine number(String name, long value) {
        key(name).append(value);
        return this;
    }

    /** A decimal with two places given in hundredths, e.g. {@code -1999} as {@code -19.99}. */
    JsonLine cents(String name, long hundredths) {
        key(name);
        if (hundredths < 0) {
            out.append('-');
            hundredths = -hundredths;
        }
        out.append(hundredths / 100).append('.');
        long rest = hundredths % 100;
        if (rest < 10) {
            out.append('0');
        }
        out.append(rest);
        return this;
    }

    JsonLine time(String name, Instant value) {
        return value == null ? this : text(name, value.toString());
    }

    JsonLine date(String name, LocalDate value) {
        return value == null ? this : text(name, value.toString());
    }

    /** A value that is already JSON (an object or array the caller built). */
    JsonLine raw(String name, String json) {
        key(name).append(json);
        return this;
    }

    private StringBuilder key(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        return out.append('"').append(name).append("\":");
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
