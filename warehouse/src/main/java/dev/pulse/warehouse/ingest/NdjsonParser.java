package dev.pulse.warehouse.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/** Reads one JSON object per line; blank lines are skipped, every other line is a record or a rejection. */
final class NdjsonParser implements RecordParser {

    private final LineReader lines;

    NdjsonParser(LineReader lines) {
        this.lines = lines;
    }

    @Override
    public RawRecord.Parsed next() {
        Line line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.blank());
        if (line.error() != null) {
            return RawRecord.Parsed.rejected(line.number(), "", line.error());
        }
        return parse(line.number(), line.text());
    }

    static RawRecord.Parsed parse(long number, String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return RawRecord.Parsed.rejected(number, fieldOf(e), "invalid JSON: " + reason(e));
        }
        if (node == null || !node.isObject()) {
            return RawRecord.Parsed.rejected(number, "", "a line must hold one JSON object");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            fields.put(entry.getKey(), entry.getValue());
        }
        return RawRecord.Parsed.of(new RawRecord(number, fields, false));
    }

    private static String fieldOf(JacksonException e) {
        if (e.processor() instanceof JsonParser parser) {
            try {
                String name = parser.currentName();
                return name == null ? "" : Texts.echo(name);
            } catch (RuntimeException ignored) {
                return "";
            }
        }
        return "";
    }

    /** Jackson's own words without the echo of the input it may carry, kept short. */
    private static String reason(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return Texts.echo(message, 200);
    }
}
