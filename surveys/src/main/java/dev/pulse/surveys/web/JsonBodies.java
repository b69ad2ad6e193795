package dev.pulse.surveys.web;

import dev.pulse.kernel.InvalidFieldException;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies strictly: a duplicate key, an unknown field, a string where a number
 * belongs or a body over the limit is an error naming the field, never silently accepted.
 */
@Component
class JsonBodies {

    /** A survey definition with 100 questions of 50 options in two languages fits well within this. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // an absent "required" means false
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /** Reads one JSON value of {@code type}; throws {@link BodyTooLargeException} or {@link InvalidFieldException}. */
    <T> T read(InputStream body, Class<T> type) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BodyTooLargeException(MAX_BODY_BYTES);
        }
        if (bytes.length == 0) {
            throw new InvalidFieldException("body", "a JSON object is required");
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new InvalidFieldException(path(e), e.getOriginalMessage());
        }
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
        if (path.isEmpty() && e instanceof StreamReadException read && read.processor() != null) {
            // a syntax error or duplicate key has no binding path; the parser knows where it stood
            for (String segment : read.processor().streamReadContext().pathAsPointer().toString().split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (segment.chars().allMatch(Character::isDigit)) {
                    path.append('[').append(segment).append(']');
                } else {
                    path.append(path.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
                }
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The body is over {@link #MAX_BODY_BYTES}. */
    static class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(int limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }
}
