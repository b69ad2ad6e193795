package dev.pulse.warehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows become TabSeparatedWithNames in the forms ClickHouse's columns read without lenient settings. */
class RowWriterTest {

    @Test
    void writesEachColumnTypeInItsEngineForm() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", "订单-1 \"q\" 'x'");
        values.put("ts", Instant.parse("2026-05-01T00:00:00.123456Z"));
        values.put("day", LocalDate.of(2026, 2, 28));
        values.put("amount", new BigDecimal("-3.10"));
        values.put("score", 7);
        values.put("_hash", 9_000_000_000_000_000_000L);
        values.put("severity", null);
        values.put("themes", List.of("价格", "it's \\ odd"));
        String text = new String(RowWriter.encode(List.of(new Row(1, values))).bytes(), StandardCharsets.UTF_8);
        assertThat(text)
                .isEqualTo(
                        "id\tts\tday\tamount\tscore\t_hash\tseverity\tthemes\n"
                                + "订单-1 \"q\" 'x'\t2026-05-01 00:00:00.123\t2026-02-28\t-3.10\t7\t9000000000000000000\t\\N\t['价格','it\\'s \\\\ odd']\n");
    }

    @Test
    void escapesWhatWouldEndAFieldOrALineAndKeepsEveryOtherCharacter() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("comment", "a\tb\nc\rd\\e\0f 😀 é");
        String text = new String(RowWriter.encode(List.of(new Row(1, values))).bytes(), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("comment\na\\tb\\nc\\rd\\\\e\\0f 😀 é\n");
    }

    @Test
    void anInsertTakesTheNamesOnceAndTheChosenLinesOfEveryPartInOrderAndABodyAsIsWhenAllAreChosen() {
        RowWriter.Encoded first =
                RowWriter.encode(List.of(new Row(1, Map.of("id", "a")), new Row(2, Map.of("id", "b"))));
        RowWriter.Encoded second =
                RowWriter.encode(List.of(new Row(1, Map.of("id", "c")), new Row(2, Map.of("id", "d"))));
        byte[] chosen = RowWriter.select(List.of(first, second), new boolean[] {false, true, true, false});
        assertThat(new String(chosen, StandardCharsets.UTF_8)).isEqualTo("id\nb\nc\n");
        assertThat(RowWriter.select(List.of(first), new boolean[] {true, true})).isSameAs(first.bytes());
        assertThat(RowWriter.select(List.of(first, second), new boolean[4])).isEmpty();
    }

    @Test
    void rowsWithOtherColumnsThanTheFirstAreAnErrorNotAShiftedInsert() {
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("id", "b");
        two.put("extra", "x");
        assertThatThrownBy(() -> RowWriter.encode(List.of(new Row(1, Map.of("id", "a")), new Row(2, two))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() ->
                        RowWriter.encode(List.of(new Row(1, Map.of("id", "a")), new Row(2, Map.of("name", "b")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks column id");
    }
}
