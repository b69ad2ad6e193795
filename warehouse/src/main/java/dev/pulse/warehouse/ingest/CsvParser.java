package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.IngestionException;
import dev.pulse.warehouse.IngestionException.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Reads RFC 4180 CSV: a header row of field names, then one record per row; comma delimiter,
 * double quotes, {@code ""} for a quote inside quotes, quoted cells may span lines.
 *
 * <p>A bad header refuses the whole batch (no row can be read without it); a bad row is rejected
 * on its own, at the line where it starts. An empty cell means the field is absent.
 */
final class CsvParser implements RecordParser {

    private final LineReader lines;
    private final int maxRecordChars;
    private final List<String> header;

    CsvParser(LineReader lines, Set<String> knownFields, int maxRecordChars) {
        this.lines = lines;
        this.maxRecordChars = maxRecordChars;
        this.header = readHeader(knownFields);
    }

    private List<String> readHeader(Set<String> knownFields) {
        Line line = nextNonBlank();
        if (line == null) {
            return List.of();
        }
        if (line.error() != null) {
            throw new IngestionException(Reason.BAD_HEADER, line.number(), "", "header row: " + line.error());
        }
        Cells cells = split(line);
        if (cells.error() != null) {
            throw new IngestionException(Reason.BAD_HEADER, line.number(), "", "header row: " + cells.error());
        }
        Set<String> seen = new HashSet<>();
        // spreadsheet exports often pad the header ("event_id, ts"); data cells stay verbatim
        List<String> names = cells.values().stream().map(String::strip).toList();
        for (String name : names) {
            if (!knownFields.contains(name)) {
                String hint = name.contains(";") || name.contains("\t") ? "; the delimiter must be a comma" : "";
                throw new IngestionException(
                        Reason.BAD_HEADER, line.number(), TextChecks.echo(name), "unknown column" + hint);
            }
            if (!seen.add(name)) {
                throw new IngestionException(
                        Reason.BAD_HEADER, line.number(), name, "column named twice in the header");
            }
        }
        return names;
    }

    @Override
    public RawRecord.Parsed next() {
        if (header.isEmpty()) {
            return null;
        }
        Line line = nextNonBlank();
        if (line == null) {
            return null;
        }
        if (line.error() != null) {
            return RawRecord.Parsed.rejected(line.number(), "", line.error());
        }
        Cells cells = split(line);
        if (cells.error() != null) {
            return RawRecord.Parsed.rejected(line.number(), "", cells.error());
        }
        List<String> values = cells.values();
        if (values.size() < header.size()) {
            return RawRecord.Parsed.rejected(
                    line.number(),
                    header.get(values.size()),
                    "missing column: the row has " + values.size() + " cells, the header " + header.size());
        }
        if (values.size() > header.size()) {
            return RawRecord.Parsed.rejected(
                    line.number(),
                    "",
                    "extra column: the row has " + values.size() + " cells, the header " + header.size());
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (!values.get(i).isEmpty()) {
                fields.put(header.get(i), StringNode.valueOf(values.get(i)));
            }
        }
        return RawRecord.Parsed.of(
                new RawRecord(line.number(), new ObjectNode(JsonNodeFactory.instance, fields), true));
    }

    private Line nextNonBlank() {
        Line line;
        do {
            line = lines.next();
        } while (line != null && line.blank());
        return line;
    }

    /** The cells of one record, or why it is malformed. */
    private record Cells(List<String> values, String error) {}

    /** Splits the record starting at {@code first}, pulling further lines while a quote is open. */
    private Cells split(Line first) {
        List<String> values = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String text = first.text();
        int i = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        int total = text.length();
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    values.add(cell.toString());
                    return new Cells(values, null);
                }
                Line more = lines.next();
                if (more == null) {
                    return new Cells(null, "unbalanced quote: a quoted cell is not closed");
                }
                if (more.error() != null) {
                    return new Cells(null, "line " + more.number() + " inside a quoted cell: " + more.error());
                }
                total += more.text().length() + 1;
                if (total > maxRecordChars) {
                    return new Cells(
                            null, "unbalanced quote: a quoted cell runs past " + maxRecordChars + " characters");
                }
                cell.append('\n');
                text = more.text();
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == ',') {
                values.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
            } else if (afterQuote) {
                return new Cells(null, "unexpected character after a closing quote in cell " + (values.size() + 1));
            } else if (c == '"') {
                if (!cell.isEmpty()) {
                    return new Cells(null, "quote inside an unquoted cell " + (values.size() + 1));
                }
                quoted = true;
            } else {
                cell.append(c);
            }
        }
    }
}
