package dev.pulse.dashboards.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.dashboards.Workbooks;
import dev.pulse.warehouse.metrics.MetricResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CSV and XLSX files of a table: Chinese intact, formulas neutralised, numbers kept as numbers. */
class TableFilesTest {

    static final MetricResult RESULT = new MetricResult(
            List.of(
                    new MetricResult.Column("campaign", "string", "营销活动"),
                    new MetricResult.Column("revenue", "decimal", "收入")),
            List.of(
                    Arrays.asList("=HYPERLINK(\"http://x\",\"点我\")", new BigDecimal("-3.50")),
                    Arrays.asList("双十一, \"大促\"", new BigDecimal("1234567.89")),
                    Arrays.asList("@SUM(1)", null),
                    Arrays.asList("+cmd|' /C calc'!A0", 12L),
                    Arrays.asList("-1+1", 0L)),
            new MetricResult.Meta("", 0, 0, false));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {"=1+1|'=1+1", "+cmd|'+cmd", "-2|'-2", "@SUM(1)|'@SUM(1)", "华东|华东", "a=b|a=b", "''|''"})
    void neutralisesTextThatASpreadsheetWouldRun(String text, String expected) {
        assertThat(TableFiles.neutralise(text)).isEqualTo(expected);
    }

    @Test
    void csvStartsWithABomKeepsChineseQuotesAndNeutralisesFormulas() {
        byte[] csv = TableFiles.csv(RESULT);
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text.split("\r\n"))
                .containsExactly(
                        "营销活动,收入",
                        "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",-3.50",
                        "\"双十一, \"\"大促\"\"\",1234567.89",
                        "'@SUM(1),",
                        "'+cmd|' /C calc'!A0,12",
                        "'-1+1,0");
    }

    @Test
    void codedValuesAreWrittenWithTheirLabels() throws IOException {
        MetricResult themes = new MetricResult(
                List.of(
                        new MetricResult.Column("theme", "string", "反馈主题", Map.of("delivery", "物流配送", "price", "价格")),
                        new MetricResult.Column("responses", "integer", "NPS 回复数")),
                List.of(List.of("delivery", 5L), List.of("price", 3L), List.of("unlabelled", 1L)),
                new MetricResult.Meta("", 0, 0, false));
        byte[] csv = TableFiles.csv(themes);
        assertThat(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n"))
                .containsExactly("反馈主题,NPS 回复数", "物流配送,5", "价格,3", "unlabelled,1");
        assertThat(Workbooks.cells(xlsx(themes, "主题")))
                .extracting(row -> row.getFirst())
                .containsExactly("反馈主题", "物流配送", "价格", "unlabelled");
    }

    @Test
    void xlsxHoldsChineseTextAsTextAndNumbersAsNumbers() throws IOException {
        byte[] file = xlsx(RESULT, "活动/明细");

        assertThat(Workbooks.sheetNames(file)).containsExactly("活动 明细");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("营销活动");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\",\"点我\")");
            assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(-3.5);
            assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(1234567.89);
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("'@SUM(1)");
            assertThat(sheet.getRow(3).getCell(1)).isNull();
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType())
                            .as("no formula in row %d", row.getRowNum())
                            .isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }

    @Test
    void aHundredThousandRowsAreWrittenWithAtMostAHundredInMemory() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(List.of("客户-" + i, (long) i));
        }
        MetricResult big = new MetricResult(RESULT.columns(), rows, new MetricResult.Meta("", 0, 0, false));

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (SXSSFWorkbook workbook = TableFiles.workbook(big, "big")) {
            Sheet sheet = workbook.getSheetAt(0);
            long inMemory = IntStream.rangeClosed(0, sheet.getLastRowNum())
                    .filter(i -> sheet.getRow(i) != null)
                    .count();
            assertThat(inMemory).isLessThanOrEqualTo(TableFiles.ROWS_IN_MEMORY);
            assertThat(sheet.getRow(0))
                    .as("the header went to the temporary file")
                    .isNull();
            assertThat(sheet.getLastRowNum()).isEqualTo(100_000);
            workbook.write(file);
        }
        List<List<String>> back = Workbooks.cells(file.toByteArray());
        assertThat(back).hasSize(100_001);
        assertThat(back.get(100_000)).containsExactly("客户-99999", "99999");
    }

    private static byte[] xlsx(MetricResult result, String sheet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableFiles.xlsx(result, sheet, out);
        return out.toByteArray();
    }
}
