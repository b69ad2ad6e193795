package dev.pulse.dashboards.export;

import dev.pulse.warehouse.metrics.MetricResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a metric result as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read
 * Chinese correctly) or as an XLSX workbook written by Apache POI. Text that a spreadsheet would run as a formula
 * ({@code = + - @}, tab, carriage return first) is prefixed with an apostrophe; numbers stay numbers.
 */
public final class TableFiles {

    /** Rows of a workbook kept in memory while it is written; earlier rows go to a temporary file. */
    static final int ROWS_IN_MEMORY = 100;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TableFiles() {}

    /** Text made safe for a spreadsheet cell. */
    public static String neutralise(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    /** The row with coded values (a theme id, an NPS group) replaced by their labels, as the page shows them. */
    private static List<Object> labelled(MetricResult result, List<Object> row) {
        List<Object> out = new java.util.ArrayList<>(row);
        for (int i = 0; i < out.size(); i++) {
            Object cell = out.get(i);
            if (cell instanceof String code) {
                out.set(i, result.columns().get(i).values().getOrDefault(code, code));
            }
        }
        return out;
    }

    /** The result as CSV with a header of column labels. */
    public static byte[] csv(MetricResult result) {
        StringBuilder out = new StringBuilder();
        appendCsvRow(out, result.columns().stream().map(c -> (Object) c.label()).toList());
        for (List<Object> row : result.rows()) {
            appendCsvRow(out, labelled(result, row));
        }
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    private static void appendCsvRow(StringBuilder out, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object cell = cells.get(i);
            String text = cell == null ? "" : cell instanceof Number n ? plain(n) : neutralise(cell.toString());
            if (text.indexOf(',') >= 0
                    || text.indexOf('"') >= 0
                    || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            out.append(text);
        }
        out.append("\r\n");
    }

    /**
     * Writes the result to {@code out} as a one-sheet XLSX workbook (Apache POI's streaming writer: at most
     * {@link #ROWS_IN_MEMORY} rows are held at once, the rest wait in a compressed temporary file); text cells are
     * strings, numbers numeric cells.
     */
    public static void xlsx(MetricResult result, String sheetName, OutputStream out) {
        try (SXSSFWorkbook workbook = workbook(result, sheetName)) {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The streaming workbook, written but not yet saved; package-private so a test can see what it holds. */
    static SXSSFWorkbook workbook(MetricResult result, String sheetName) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        workbook.setCompressTempFiles(true);
        Sheet sheet = workbook.createSheet(sheet(sheetName));
        xlsxRow(
                sheet.createRow(0),
                result.columns().stream().map(c -> (Object) c.label()).toList());
        int next = 1;
        for (List<Object> row : result.rows()) {
            xlsxRow(sheet.createRow(next++), labelled(result, row));
        }
        return workbook;
    }

    private static void xlsxRow(Row row, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            Object value = cells.get(i);
            if (value instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else if (value != null) {
                row.createCell(i).setCellValue(printable(neutralise(value.toString())));
            }
        }
    }

    private static String plain(Number n) {
        return n instanceof BigDecimal d ? d.toPlainString() : n.toString();
    }

    /** Drops the control characters XML 1.0 cannot hold (POI escapes the rest). */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .filter(cp -> cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r')
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String sheet(String name) {
        String cleaned = name.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        cleaned = cleaned.isEmpty() ? "Sheet1" : cleaned;
        return cleaned.length() > 31 ? cleaned.substring(0, 31) : cleaned;
    }
}
