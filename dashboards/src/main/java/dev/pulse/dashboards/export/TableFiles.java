package dev.pulse.dashboards.export;

import dev.pulse.warehouse.metrics.MetricResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a metric result as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read
 * Chinese correctly) or as a minimal XLSX workbook. Text that a spreadsheet would run as a formula
 * ({@code = + - @}, tab, carriage return first) is prefixed with an apostrophe; numbers stay numbers.
 */
public final class TableFiles {

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
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            out.append(text);
        }
        out.append("\r\n");
    }

    /** The result as a one-sheet XLSX workbook; text cells are inline strings, numbers numeric cells. */
    public static byte[] xlsx(MetricResult result, String sheetName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                    </Relationships>""");
            entry(zip, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                    xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                    <sheets><sheet name="%s" sheetId="1" r:id="rId1"/></sheets></workbook>""".formatted(xml(sheet(sheetName))));
            entry(zip, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                    </Relationships>""");
            StringBuilder sheet = new StringBuilder("""
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            xlsxRow(sheet, result.columns().stream().map(c -> (Object) c.label()).toList());
            for (List<Object> row : result.rows()) {
                xlsxRow(sheet, labelled(result, row));
            }
            sheet.append("</sheetData></worksheet>");
            entry(zip, "xl/worksheets/sheet1.xml", sheet.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void xlsxRow(StringBuilder sheet, List<Object> cells) {
        sheet.append("<row>");
        for (Object cell : cells) {
            if (cell == null) {
                sheet.append("<c/>");
            } else if (cell instanceof Number n) {
                sheet.append("<c t=\"n\"><v>").append(plain(n)).append("</v></c>");
            } else {
                sheet.append("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">").append(xml(neutralise(cell.toString())))
                        .append("</t></is></c>");
            }
        }
        sheet.append("</row>");
    }

    private static String plain(Number n) {
        return n instanceof BigDecimal d ? d.toPlainString() : n.toString();
    }

    /** Escapes XML and drops the control characters XML 1.0 cannot hold. */
    private static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }

    private static String sheet(String name) {
        String cleaned = name.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        cleaned = cleaned.isEmpty() ? "Sheet1" : cleaned;
        return cleaned.length() > 31 ? cleaned.substring(0, 31) : cleaned;
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
