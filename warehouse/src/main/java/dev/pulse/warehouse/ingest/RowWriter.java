package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.ClickHouseEngine.InputFormat;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/** Writes rows to their raw table as one JSONEachRow insert, which the engine commits as a whole. */
final class RowWriter {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final ClickHouseEngine engine;

    RowWriter(ClickHouseEngine engine) {
        this.engine = engine;
    }

    void insert(String table, List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        engine.insert(table, InputFormat.JSON_EACH_ROW, encode(rows));
    }

    static byte[] encode(List<Row> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 256);
        // a generator straight to bytes: no intermediate map per row, which matters at bulk load rates
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            for (Row row : rows) {
                json.writeStartObject();
                for (Map.Entry<String, Object> entry : row.values().entrySet()) {
                    json.writeName(entry.getKey());
                    switch (column(entry.getValue())) {
                        case null -> json.writeNull();
                        case String text -> json.writeString(text);
                        case Integer number -> json.writeNumber(number);
                        case Long number -> json.writeNumber(number);
                        case List<?> strings -> {
                            json.writeStartArray();
                            for (Object s : strings) {
                                json.writeString((String) s);
                            }
                            json.writeEndArray();
                        }
                        case Object other -> throw new IllegalStateException("no JSON form for " + other.getClass());
                    }
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }
        }
        return out.toByteArray();
    }

    /** The JSON form each ClickHouse column type reads without relying on lenient settings. */
    private static Object column(Object value) {
        return switch (value) {
            case Instant instant -> DATE_TIME.format(instant);
            case LocalDate date -> date.toString();
            case BigDecimal decimal -> decimal.toPlainString();
            case null, default -> value;
        };
    }
}
