package dev.pulse.warehouse.ingest;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The strict JSON reader of ingestion, and the writer of rows for the engine.
 *
 * <p>Strict because a lenient parser turns bad input into wrong data: duplicate keys are an error
 * (which one would win?), numbers keep their exact decimal value, and nesting depth and number
 * length are capped so a hostile line costs little.
 */
final class Json {

    /** Deep enough for {@code answers} holding lists; far below what could exhaust the stack. */
    static final int MAX_DEPTH = 16;
    /** Digits of one number; a score or an amount needs far fewer. */
    static final int MAX_NUMBER_LENGTH = 64;

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    // rows are separated by the writer's own newline, not Jackson's default space
                    .rootValueSeparator((String) null)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}
}
