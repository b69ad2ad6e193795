package dev.pulse.dashboards.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.warehouse.metrics.MetricResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSV and XLSX files of a table: Chinese intact, formulas neutralised, numbers kept as numbers. */
class TableFilesTest {

    static final MetricResult RESULT = new MetricResult(
            List.of(new MetricResult.Column("campaign", "string", "营销活动"), new MetricResult.Column("revenue", "decimal", "收入")),
            List.of(Arrays.asList("=HYPERLINK(\"http://x\",\"点我\")", new BigDecimal("-3.50")),
                    Arrays.asList("双十一, \"大促\"", new BigDecimal("1234567.89")),
                    Arrays.asList("@SUM(1)", null),
                    Arrays.asList("+cmd|' /C calc'!A0", 12L),
                    Arrays.asList("-1+1", 0L)),
            new MetricResult.Meta("", 0, 0, false));

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "=1+1|'=1+1", "+cmd|'+cmd", "-2|'-2", "@SUM(1)|'@SUM(1)", "华东|华东", "a=b|a=b", "''|''"})
    void neutralisesTextThatASpreadsheetWouldRun(String text, String expected) {
        assertThat(TableFiles.neutralise(text)).isEqualTo(expected);
    }

    @Test
    void csvStartsWithABomKeepsChineseQuotesAndNeutralisesFormulas() {
        byte[] csv = TableFiles.csv(RESULT);
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text.split("\r\n")).containsExactly(
                "营销活动,收入",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",-3.50",
                "\"双十一, \"\"大促\"\"\",1234567.89",
                "'@SUM(1),",
                "'+cmd|' /C calc'!A0,12",
                "'-1+1,0");
    }

    @Test
    void codedValuesAreWrittenWithTheirLabels() throws IOException {
        MetricResult themes = new MetricResult(List.of(new MetricResult.Column("theme", "string", "反馈主题",
                        Map.of("delivery", "物流配送", "price", "价格")), new MetricResult.Column("responses", "integer", "NPS 回复数")),
                List.of(List.of("delivery", 5L), List.of("price", 3L), List.of("unlabelled", 1L)), new MetricResult.Meta("", 0, 0, false));
        byte[] csv = TableFiles.csv(themes);
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n"))
                .containsExactly("反馈主题,NPS 回复数", "物流配送,5", "价格,3", "unlabelled,1");
        assertThat(unzip(TableFiles.xlsx(themes, "主题")).get("xl/worksheets/sheet1.xml")).contains(">物流配送<").doesNotContain(">delivery<");
    }

    @Test
    void xlsxHoldsChineseTextAsInlineStringsAndNumbersAsNumbers() throws IOException {
        Map<String, String> parts = unzip(TableFiles.xlsx(RESULT, "活动/明细"));
        assertThat(parts).containsKeys("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml");
        assertThat(parts.get("xl/workbook.xml")).contains("<sheet name=\"活动 明细\"");
        String sheet = parts.get("xl/worksheets/sheet1.xml");
        assertThat(sheet)
                .contains("<t xml:space=\"preserve\">营销活动</t>")
                .contains("<t xml:space=\"preserve\">'=HYPERLINK(&quot;http://x&quot;,&quot;点我&quot;)</t>")
                .contains("<c t=\"n\"><v>-3.50</v></c>")
                .contains("<t xml:space=\"preserve\">'@SUM(1)</t></is></c><c/>")
                .contains("<c t=\"n\"><v>1234567.89</v></c>")
                .doesNotContain("<f>");
    }

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> parts = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return parts;
    }
}
