package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.ClickHouseEngine.InputFormat;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;

/**
 * Encodes rows as JSONEachRow, one line each, and writes chosen rows to their raw table as one
 * insert, which the engine commits as a whole. Encoding runs while validating, outside any lock;
 * an insert only copies the chosen lines together (or sends the body as is when every row is new).
 */
final class RowWriter {

    /** Column names with their JSON form worked out once, not escaped again for every row. */
    private static final Map<String, SerializedString> NAMES = new ConcurrentHashMap<>();

    private final ClickHouseEngine engine;

    RowWriter(ClickHouseEngine engine) {
        this.engine = engine;
    }

    /**
     * Rows as JSONEachRow lines.
     *
     * @param bytes every line, each ending in a newline
     * @param ends where each row's line ends in {@code bytes}, in row order
     */
    record Encoded(byte[] bytes, int[] ends) {

        int start(int row) {
            return row == 0 ? 0 : ends[row - 1];
        }
    }

    /** Inserts the rows of {@code parts} whose flag in {@code chosen} (rows of all parts in order) is set. */
    void insert(String table, List<Encoded> parts, boolean[] chosen) {
        byte[] data = select(parts, chosen);
        if (data.length > 0) {
            engine.insert(table, InputFormat.JSON_EACH_ROW, data);
        }
    }

    static byte[] select(List<Encoded> parts, boolean[] chosen) {
        int total = 0;
        int row = 0;
        boolean all = true;
        for (Encoded part : parts) {
            for (int i = 0; i < part.ends().length; i++, row++) {
                if (chosen[row]) {
                    total += part.ends()[i] - part.start(i);
                } else {
                    all = false;
                }
            }
        }
        if (all && parts.size() == 1) {
            return parts.getFirst().bytes();
        }
        byte[] data = new byte[total];
        int at = 0;
        row = 0;
        for (Encoded part : parts) {
            for (int i = 0; i < part.ends().length; i++, row++) {
                if (chosen[row]) {
                    int from = part.start(i);
                    int length = part.ends()[i] - from;
                    System.arraycopy(part.bytes(), from, data, at, length);
                    at += length;
                }
            }
        }
        return data;
    }

    static Encoded encode(List<Row> rows) {
        int[] ends = new int[rows.size()];
        int index = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 256);
        // a generator straight to bytes: no intermediate map per row, which matters at bulk load rates
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            for (Row row : rows) {
                json.writeStartObject();
                for (Map.Entry<String, Object> entry : row.values().entrySet()) {
                    json.writeName(NAMES.computeIfAbsent(entry.getKey(), SerializedString::new));
                    write(json, entry.getValue());
                }
                json.writeEndObject();
                json.writeRaw('\n');
                json.flush();
                ends[index++] = out.size();
            }
        }
        return new Encoded(out.toByteArray(), ends);
    }

    /**
     * Writes a value in the JSON form its ClickHouse column reads without relying on lenient settings:
     * times as UTC text, decimals as exact strings. Plain {@code instanceof} tests, most frequent first:
     * a pattern {@code switch} over these types was half of the encoding in a profile of
     * {@code scripts/bench ingest}.
     */
    private static void write(JsonGenerator json, Object value) {
        if (value instanceof String text) {
            json.writeString(text);
        } else if (value == null) {
            json.writeNull();
        } else if (value instanceof Instant instant) {
            json.writeString(IsoInstants.clickHouseText(instant));
        } else if (value instanceof BigDecimal decimal) {
            json.writeString(decimal.toPlainString());
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof LocalDate date) {
            json.writeString(date.toString());
        } else if (value instanceof List<?> strings) {
            json.writeStartArray();
            for (Object s : strings) {
                json.writeString((String) s);
            }
            json.writeEndArray();
        } else {
            throw new IllegalStateException("no JSON form for " + value.getClass());
        }
    }
}
