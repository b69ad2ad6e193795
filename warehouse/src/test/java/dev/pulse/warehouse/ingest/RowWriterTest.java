package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows become JSONEachRow in the forms ClickHouse's columns read without lenient settings. */
class RowWriterTest {

    @Test
    void writesEachColumnTypeInItsEngineForm() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", "订单-1 \"q\"");
        values.put("ts", Instant.parse("2026-05-01T00:00:00.123456Z"));
        values.put("day", LocalDate.of(2026, 2, 28));
        values.put("amount", new BigDecimal("-3.10"));
        values.put("score", 7);
        values.put("_hash", 9_000_000_000_000_000_000L);
        values.put("severity", null);
        byte[] bytes = RowWriter.encode(List.of(new Row(1, values), new Row(2, Map.of("id", "b")))).bytes();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("""
                {"id":"订单-1 \\"q\\"","ts":"2026-05-01 00:00:00.123","day":"2026-02-28","amount":"-3.10","score":7,"_hash":9000000000000000000,"severity":null}
                {"id":"b"}
                """);
    }

    @Test
    void anInsertTakesTheChosenLinesOfEveryPartInOrderAndABodyAsIsWhenAllAreChosen() {
        RowWriter.Encoded first = RowWriter.encode(List.of(new Row(1, Map.of("id", "a")), new Row(2, Map.of("id", "b"))));
        RowWriter.Encoded second = RowWriter.encode(List.of(new Row(1, Map.of("id", "c")), new Row(2, Map.of("id", "d"))));
        byte[] chosen = RowWriter.select(List.of(first, second), new boolean[] {false, true, true, false});
        assertThat(new String(chosen, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"b\"}\n{\"id\":\"c\"}\n");
        assertThat(RowWriter.select(List.of(first), new boolean[] {true, true})).isSameAs(first.bytes());
        assertThat(RowWriter.select(List.of(first, second), new boolean[4])).isEmpty();
    }
}
