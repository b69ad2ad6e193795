package dev.pulse.surveys.cases.web;

import dev.pulse.kernel.InvalidFieldException;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads the small case request bodies strictly: unknown or duplicate fields and wrong types name the field. */
@Component
class StrictJson {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    <T> T read(InputStream body, Class<T> type) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new InvalidFieldException("body", "larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw new InvalidFieldException("body", "a JSON object is required");
        }
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            String field = e.getPath().isEmpty() || e.getPath().getLast().getPropertyName() == null
                    ? "body" : e.getPath().getLast().getPropertyName();
            throw new InvalidFieldException(field, e.getOriginalMessage());
        }
    }
}
