package dev.pulse.warehouse.ingest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The rules of the event model's field kinds. Each is strict about the JSON kind: {@code "7"} is
 * not a number and {@code 7} is not a string, except in CSV where every cell is text.
 */
final class FieldTypes {

    /** Earliest accepted event time: older data is almost always a parsing mistake (epoch 0, year 1). */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** How far in the future an event may lie: clock skew between producers, not scheduled events. */
    static final Duration FUTURE_SLACK = Duration.ofDays(1);

    static final int MAX_ID = 200;
    static final int MAX_ANSWERS_CHARS = 64 * 1024;

    private static final DateTimeFormatter OFFSET_DATE_TIME =
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter LOCAL_DATE =
            DateTimeFormatter.ISO_LOCAL_DATE.withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,40}(\\.\\d{1,40})?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,20}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal MONEY_LIMIT = new BigDecimal("1e16");

    private FieldTypes() {}

    static String string(JsonNode value) throws FieldError {
        if (!value.isString()) {
            throw new FieldError("must be a string, not " + kind(value));
        }
        String s = value.asString();
        int surrogate = TextChecks.loneSurrogate(s);
        if (surrogate >= 0) {
            throw new FieldError("holds a lone surrogate at character " + (surrogate + 1));
        }
        return s;
    }

    static String kind(JsonNode value) {
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.isString() ? "a string" : "a " + value.getNodeType().name().toLowerCase();
    }

    /** An identifier: non-blank, at most 200 characters, no control characters. */
    record Id() implements FieldType {
        @Override
        public Object convert(JsonNode value, boolean fromText) throws FieldError {
            String s = string(value);
            if (s.isBlank()) {
                throw new FieldError("must not be empty");
            }
            if (s.codePointCount(0, s.length()) > MAX_ID) {
                throw new FieldError("longer than " + MAX_ID + " characters");
            }
            if (TextChecks.hasControl(s, false)) {
                throw new FieldError("holds a control character");
            }
            return s;
        }
    }

    /** Free or short text of at most {@code max} characters; line breaks only where {@code multiline}. */
    record Text(int max, boolean multiline) implements FieldType {
        @Override
        public Object convert(JsonNode value, boolean fromText) throws FieldError {
            String s = string(value);
            if (s.codePointCount(0, s.length()) > max) {
                throw new FieldError("longer than " + max + " characters");
            }
            if (TextChecks.hasControl(s, multiline)) {
                throw new FieldError("holds a control character");
            }
            return s;
        }
    }

    /** One of a fixed set of words, e.g. the regions or the feedback categories; "" too where {@code emptyAllowed}. */
    record OneOf(List<String> allowed, boolean emptyAllowed) implements FieldType {

        OneOf(List<String> allowed) {
            this(allowed, false);
        }

        @Override
        public Object convert(JsonNode value, boolean fromText) throws FieldError {
            String s = string(value);
            if (!allowed.contains(s) && !(emptyAllowed && s.isEmpty())) {
                throw new FieldError("must be one of " + String.join(", ", allowed));
            }
            return s;
        }
    }

    /** An ISO 4217 code; CNY when absent. */
    record Currency() implements FieldType {
        @Override
        public Object convert(JsonNode value, boolean fromText) throws FieldError {
            String s = string(value);
            if (!CURRENCY.matcher(s).matches()) {
                throw new FieldError("must be a three-letter currency code such as CNY");
            }
            return s;
        }

        @Override
        public Object absent() {
            return "CNY";
        }
    }

    /** An instant written in ISO-8601 with an offset or Z, between 2000-01-01 and a day from now. */
    record Timestamp(Clock clock) implements FieldType {
        @Override
        public Object convert(JsonNode value, boolean fromText) throws FieldError {
            if (value.isNumber()) {
                throw new FieldError("must be an ISO-8601 string such as 2026-05-01T08:00:00Z, not epoch time");
            }
            String s = string(value);
            Instant instant = IsoInstants.parse(s);
            if (instant == null) {
                instant = strictInstant(s);
            }
            if (instant.isBefore(EARLIEST)) {
                throw new FieldError("before 2000-01-01T00:00:00Z");
            }
            if (instant.isAfter(clock.instant().plus(FUTURE_SLACK))) {
                throw new FieldError("more than a day in the future");
            }
            return instant;
        }

        @Override
        public Object absent() {
            return null;
        }

        static Instant strictInstant(String s) throws FieldError {
            try {
                return OffsetDateTime.parse(s, OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new FieldError(whyNotTimestamp(s));
            }
        }

        private static String whyNotTimestamp(String s) {
            try {
                LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME.withResolverStyle(ResolverStyle.STRICT));
                return "needs an offset or Z, e.g. 2026-05-01T08:00:00+08:00";
            } catch (DateTimeParseException e) {
                return INTEGER.matcher(s).matches()
                        ? "must be ISO-8601 (e.g. 2026-05-01T08:00:00Z), not epoch time"
                        : "not a valid ISO-8601 date-time with offset, e.g. 2026-05-01T08:00:00+08:00";
            }
        }
    }

    /** A calendar date {@code yyyy-MM-dd} within fixed bounds, or up to a day from now when {@code max} is null. */
    record Day(LocalDate min, LocalDate max, Clock clock) implements FieldType {
        @Override
        public Object convert(JsonNode value, boolean fromText) throws FieldError {
            String s = string(value);
            LocalDate date;
            try {
                date = LocalDate.parse(s, LOCAL_DATE);
            } catch (DateTimeParseException e) {
                throw new FieldError("not a valid date yyyy-MM-dd");
            }
            LocalDate upper =
                    max != null ? max : LocalDate.ofInstant(clock.instant().plus(FUTURE_SLACK), ZoneOffset.UTC);
            if (date.isBefore(min) || date.isAfter(upper)) {
                throw new FieldError("must be between " + min + " and " + upper);
            }
            return date;
        }

        @Override
        public Object absent() {
            return null;
        }
    }

    /** An amount with at most two decimal places; a refund is negative unless {@code nonNegative}. */
    record Money(boolean nonNegative) implements FieldType {
        @Override
        public Object convert(JsonNode value, boolean fromText) throws FieldError {
            BigDecimal amount = number(value, fromText, DECIMAL);
            if (amount.stripTrailingZeros().scale() > 2) {
                throw new FieldError("more than two decimal places");
            }
            if (amount.abs().compareTo(MONEY_LIMIT) >= 0) {
                throw new FieldError("out of range");
            }
            if (nonNegative && amount.signum() < 0) {
                throw new FieldError("must not be negative");
            }
            return amount.setScale(2);
        }
    }

    /** An integer score on a closed scale, e.g. NPS 0 to 10. */
    record Score(int min, int max) implements FieldType {
        @Override
        public Object convert(JsonNode value, boolean fromText) throws FieldError {
            BigDecimal n = number(value, fromText, INTEGER);
            if (n.stripTrailingZeros().scale() > 0) {
                throw new FieldError("must be an integer from " + min + " to " + max);
            }
            if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw new FieldError("out of range " + min + " to " + max);
            }
            return n.intValueExact();
        }

        @Override
        public Object absent() {
            return null;
        }
    }

    /** A JSON object (question id to answer), stored as compact JSON text. */
    record Answers() implements FieldType {
        @Override
        public Object convert(JsonNode value, boolean fromText) throws FieldError {
            JsonNode object = value;
            if (fromText) {
                try {
                    object = Json.MAPPER.readTree(value.asString());
                } catch (JacksonException e) {
                    throw new FieldError("must be a JSON object");
                }
            }
            if (object == null || !object.isObject()) {
                throw new FieldError("must be an object of question id to answer, not " + kind(value));
            }
            checkStrings(object);
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getKey().isBlank()) {
                    throw new FieldError("has an empty question id");
                }
            }
            String json = Json.MAPPER.writeValueAsString(object);
            if (json.length() > MAX_ANSWERS_CHARS) {
                throw new FieldError("longer than " + MAX_ANSWERS_CHARS + " characters");
            }
            return json;
        }

        @Override
        public Object absent() {
            return "{}";
        }

        private static void checkStrings(JsonNode node) throws FieldError {
            if (node.isString()) {
                string(node);
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    if (TextChecks.loneSurrogate(entry.getKey()) >= 0) {
                        throw new FieldError("has a question id with a lone surrogate");
                    }
                    checkStrings(entry.getValue());
                }
            } else if (node.isArray()) {
                for (JsonNode child : node) {
                    checkStrings(child);
                }
            }
        }
    }

    private static BigDecimal number(JsonNode value, boolean fromText, Pattern textForm) throws FieldError {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (fromText && value.isString() && textForm.matcher(value.asString()).matches()) {
            return new BigDecimal(value.asString());
        }
        throw new FieldError("must be a number, not " + kind(value));
    }

    /** The kinds of feedback the model knows. */
    static final List<String> FEEDBACK_CATEGORIES = List.of("complaint", "suggestion", "inquiry", "praise");
}
