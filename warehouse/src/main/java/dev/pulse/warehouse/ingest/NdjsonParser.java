package dev.pulse.warehouse.ingest;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
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
        return parse(line);
    }

    private static RawRecord.Parsed parse(Line line) {
        long number = line.number();
        JsonNode node;
        // our own parser, not readTree(String): on failure it still says which field it was in
        try (JsonParser parser = line.text() != null
                ? Json.MAPPER.createParser(line.text())
                : Json.MAPPER.createParser(line.bytes(), line.offset(), line.length())) {
            try {
                node = Json.MAPPER.readTree(parser);
                if (parser.nextToken() != null) {
                    return RawRecord.Parsed.rejected(number, "", "invalid JSON: content after the object");
                }
            } catch (JacksonException e) {
                return RawRecord.Parsed.rejected(number, fieldOf(parser), "invalid JSON: " + reason(e));
            }
        }
        if (node == null || !node.isObject()) {
            return RawRecord.Parsed.rejected(number, "", "a line must hold one JSON object");
        }
        return RawRecord.Parsed.of(new RawRecord(number, node, false));
    }

    /** The top-level field being read when parsing failed, however deep inside it. */
    private static String fieldOf(JsonParser parser) {
        try {
            TokenStreamContext context = parser.streamReadContext();
            while (context != null
                    && context.getParent() != null
                    && !context.getParent().inRoot()) {
                context = context.getParent();
            }
            String name = context == null || !context.inObject() ? null : context.currentName();
            return name == null ? "" : TextChecks.echo(name);
        } catch (RuntimeException unknown) {
            return "";
        }
    }

    /** Jackson's own words without the echo of the input it may carry, kept short. */
    private static String reason(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return TextChecks.echo(message, 200);
    }
}
