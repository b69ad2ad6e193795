package dev.pulse.warehouse.ingest;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.ClickHouseEngine.InputFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Encodes rows as {@code TabSeparatedWithNames}, a line of column names then one line per row, and
 * writes chosen rows to their raw table as one insert, which the engine commits as a whole. Encoding
 * runs while validating, outside any lock; an insert only copies the chosen lines together (or sends
 * the body as is when every row is new).
 *
 * <p>Why not JSONEachRow, which the API receives: the engine reads tab-separated text for less CPU
 * (figures in warehouse/INGESTION.md) and writing it needs no field names per row.
 */
final class RowWriter {

    private final ClickHouseEngine engine;

    RowWriter(ClickHouseEngine engine) {
        this.engine = engine;
    }

    /**
     * Rows as {@code TabSeparatedWithNames}.
     *
     * @param bytes the line of column names, then every row's line, each ending in a newline
     * @param headerLength the length of the names line
     * @param ends where each row's line ends in {@code bytes}, in row order
     */
    record Encoded(byte[] bytes, int headerLength, int[] ends) {

        int start(int row) {
            return row == 0 ? headerLength : ends[row - 1];
        }

        boolean sameColumns(Encoded other) {
            return Arrays.equals(bytes, 0, headerLength, other.bytes, 0, other.headerLength);
        }
    }

    /** Inserts the rows of {@code parts} whose flag in {@code chosen} (rows of all parts in order) is set. */
    void insert(String table, List<Encoded> parts, boolean[] chosen) {
        byte[] data = select(parts, chosen);
        if (data.length > 0) {
            engine.insert(table, InputFormat.TAB_SEPARATED_WITH_NAMES, data);
        }
    }

    /** The names line and the chosen rows' lines; nothing at all when no row is chosen. */
    static byte[] select(List<Encoded> parts, boolean[] chosen) {
        Encoded first = parts.getFirst();
        int total = first.headerLength();
        int row = 0;
        boolean all = true;
        boolean any = false;
        for (Encoded part : parts) {
            if (!part.sameColumns(first)) {
                throw new IllegalStateException("the rows of one insert must have the same columns");
            }
            for (int i = 0; i < part.ends().length; i++, row++) {
                if (chosen[row]) {
                    total += part.ends()[i] - part.start(i);
                    any = true;
                } else {
                    all = false;
                }
            }
        }
        if (!any) {
            return new byte[0];
        }
        if (all && parts.size() == 1) {
            return first.bytes();
        }
        byte[] data = Arrays.copyOf(first.bytes(), total);
        int at = first.headerLength();
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

    /** Rows that all have the columns of the first, in the same order. */
    static Encoded encode(List<Row> rows) {
        int[] ends = new int[rows.size()];
        if (rows.isEmpty()) {
            return new Encoded(new byte[0], 0, ends);
        }
        String[] columns = rows.getFirst().values().keySet().toArray(String[]::new);
        Tsv out = new Tsv(rows.size() * 160 + 256);
        for (int c = 0; c < columns.length; c++) {
            out.separator(c);
            out.text(columns[c]);
        }
        out.newline();
        int headerLength = out.length;
        int index = 0;
        for (Row row : rows) {
            Iterator<Map.Entry<String, Object>> entries =
                    row.values().entrySet().iterator();
            for (int c = 0; c < columns.length; c++) {
                Map.Entry<String, Object> entry = entries.hasNext() ? entries.next() : null;
                // the same String instances in practice, so this costs a reference comparison
                if (entry == null || !columns[c].equals(entry.getKey())) {
                    throw new IllegalStateException("row at line " + row.line() + " lacks column " + columns[c]);
                }
                out.separator(c);
                write(out, entry.getValue());
            }
            if (entries.hasNext()) {
                throw new IllegalStateException(
                        "row at line " + row.line() + " has more than " + columns.length + " columns");
            }
            out.newline();
            ends[index++] = out.length;
        }
        return new Encoded(out.bytes(), headerLength, ends);
    }

    /**
     * Writes a value in the text form its ClickHouse column reads without lenient settings: times as
     * UTC text, decimals exactly, null as {@code \N} (the column's default where it is not Nullable).
     * Plain {@code instanceof} tests, most frequent first: a pattern {@code switch} over these types
     * was half of the encoding in a profile of {@code scripts/bench ingest}.
     */
    private static void write(Tsv out, Object value) {
        if (value instanceof String text) {
            out.text(text);
        } else if (value == null) {
            out.ascii("\\N");
        } else if (value instanceof Instant instant) {
            out.ascii(IsoInstants.clickHouseText(instant));
        } else if (value instanceof BigDecimal decimal) {
            out.ascii(decimal.toPlainString());
        } else if (value instanceof Integer number) {
            out.ascii(number.toString());
        } else if (value instanceof Long number) {
            out.ascii(number.toString());
        } else if (value instanceof LocalDate date) {
            out.ascii(date.toString());
        } else if (value instanceof List<?> strings) {
            out.array(strings);
        } else {
            throw new IllegalStateException("no text form for " + value.getClass());
        }
    }

    /** A growing byte buffer that writes TSV fields: escaped UTF-8 text, plain ASCII, arrays of strings. */
    static final class Tsv {
        private byte[] buffer;
        private int length;

        Tsv(int capacity) {
            buffer = new byte[capacity];
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }

        void separator(int column) {
            if (column > 0) {
                room(1);
                buffer[length++] = '\t';
            }
        }

        void newline() {
            room(1);
            buffer[length++] = '\n';
        }

        /** Text known to hold only ASCII characters that need no escape (numbers, dates, times). */
        void ascii(String s) {
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) {
                buffer[length++] = (byte) s.charAt(i);
            }
        }

        /** A TSV field: backslash, tab, newline, carriage return and NUL escaped, the rest as UTF-8. */
        void text(String s) {
            chars(s, false);
        }

        /** An {@code Array(String)} field: {@code ['a','b']}, each element quoted and escaped once. */
        void array(List<?> strings) {
            room(1);
            buffer[length++] = '[';
            for (int i = 0; i < strings.size(); i++) {
                room(2);
                if (i > 0) {
                    buffer[length++] = ',';
                }
                buffer[length++] = '\'';
                chars((String) strings.get(i), true);
                room(1);
                buffer[length++] = '\'';
            }
            room(1);
            buffer[length++] = ']';
        }

        private void chars(String s, boolean quoted) {
            int n = s.length();
            // at most 3 bytes per char (a surrogate pair is 2 chars for 4 bytes), escapes 2 bytes per char
            room(n * 3);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\\' -> escape('\\');
                        case '\t' -> escape('t');
                        case '\n' -> escape('n');
                        case '\r' -> escape('r');
                        case '\0' -> escape('0');
                        case '\'' -> {
                            if (quoted) {
                                escape('\'');
                            } else {
                                buffer[length++] = '\'';
                            }
                        }
                        default -> buffer[length++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    buffer[length++] = (byte) (0xC0 | (c >> 6));
                    buffer[length++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buffer[length++] = (byte) (0xF0 | (cp >> 18));
                    buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buffer[length++] = (byte) (0x80 | (cp & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    // a lone surrogate has no UTF-8 form; the replacement character, as String.getBytes writes
                    buffer[length++] = (byte) 0xEF;
                    buffer[length++] = (byte) 0xBF;
                    buffer[length++] = (byte) 0xBD;
                } else {
                    buffer[length++] = (byte) (0xE0 | (c >> 12));
                    buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buffer[length++] = (byte) (0x80 | (c & 0x3F));
                }
            }
        }

        private void escape(char c) {
            buffer[length++] = '\\';
            buffer[length++] = (byte) c;
        }

        private void room(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }
    }
}
