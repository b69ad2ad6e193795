package dev.pulse.kernel.web;

import dev.pulse.kernel.BodyTooLargeException;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.KernelSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one reader of JSON request bodies: a body over {@code pulse.kernel.json-body-limit}, nested
 * deeper than {@value #MAX_DEPTH}, with a duplicate key, an unknown field, a string where a number
 * belongs or trailing data is refused naming the field (as {@code questions[2].options[0].id}),
 * never silently accepted. Bodies read field by field use {@link #readTree} and the helpers below.
 */
@Component
public class StrictJson {

    /** Deeper than any request of Pulse; a deeper body is an attack on the parser, not a request. */
    static final int MAX_DEPTH = 64;

    private static final String UNREADABLE = "the body is not a readable JSON document";

    private final long limit;
    private final JsonMapper mapper;

    /** @param settings where the body limit is configured */
    public StrictJson(KernelSettings settings) {
        this.limit = settings.jsonBodyLimit().toBytes();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // an absent boolean means false
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    /**
     * Reads one JSON value of {@code type}.
     *
     * @throws BodyTooLargeException when the body is over the limit
     * @throws InvalidFieldException naming the field at fault, or {@code body}
     */
    public <T> T read(InputStream body, Class<T> type) throws IOException {
        byte[] bytes = bytes(body);
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw refusal(e);
        }
    }

    /** Reads a JSON document to check field by field, with the same limits and refusals as {@link #read}. */
    public JsonNode readTree(InputStream body) throws IOException {
        byte[] bytes = bytes(body);
        try {
            return mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw refusal(e);
        }
    }

    private byte[] bytes(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new BodyTooLargeException(limit);
        }
        if (bytes.length == 0) {
            throw new InvalidFieldException("body", "a JSON object is required");
        }
        return bytes;
    }

    private static InvalidFieldException refusal(JacksonException e) {
        boolean duplicate = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate");
        if (e instanceof StreamReadException && !duplicate && !(e instanceof StreamConstraintsException)) {
            // a syntax error: where the parser stopped says nothing useful about the request's fields
            return new InvalidFieldException("body", UNREADABLE);
        }
        return new InvalidFieldException(path(e), e.getOriginalMessage());
    }

    /** The field a Jackson error is about, as {@code questions[2].options[0].id}; {@code body} when it is the whole body. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (path.isEmpty()
                && e instanceof StreamReadException read
                && read.processor() != null
                && !(e instanceof StreamConstraintsException)) {
            // a duplicate key has no binding path; the parser knows where it stood
            for (String segment : read.processor()
                    .streamReadContext()
                    .pathAsPointer()
                    .toString()
                    .split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (segment.chars().allMatch(Character::isDigit)) {
                    path.append('[').append(segment).append(']');
                } else {
                    path.append(path.isEmpty() ? "" : ".")
                            .append(segment.replace("~1", "/").replace("~0", "~"));
                }
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** Checks that {@code body} is an object with no field outside {@code allowed}. */
    public static JsonNode object(JsonNode body, Set<String> allowed) {
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
    public static String text(JsonNode body, String field) {
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
    public static List<String> strings(JsonNode node, String field) {
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
