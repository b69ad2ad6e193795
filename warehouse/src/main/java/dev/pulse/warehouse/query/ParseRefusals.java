package dev.pulse.warehouse.query;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns Calcite's parse errors into refusals an analyst understands: the position, and the
 * ClickHouse-only word ({@code PREWHERE}, {@code SETTINGS}, {@code system}, ...) when that is
 * what the standard SQL parser tripped over.
 */
final class ParseRefusals {

    private static final Pattern WORD = Pattern.compile("([A-Za-z_]+)");
    private static final Pattern LAST_WORD = Pattern.compile("([A-Za-z_]+)\\s*$");

    /** Words that make a parse fail because they belong to ClickHouse or to statements we never run. */
    private static final Set<String> CLICKHOUSE_ONLY = Set.of(
            "PREWHERE",
            "SETTINGS",
            "FORMAT",
            "INTO",
            "OUTFILE",
            "FINAL",
            "SAMPLE",
            "ARRAY",
            "GLOBAL",
            "SYSTEM",
            "ALTER",
            "DROP",
            "OPTIMIZE",
            "KILL",
            "GRANT",
            "REVOKE",
            "CREATE",
            "TRUNCATE",
            "ATTACH",
            "DETACH",
            "RENAME",
            "EXCHANGE",
            "MERGE",
            "USE",
            "SHOW",
            "DESCRIBE",
            "DESC",
            "WATCH",
            "BACKUP",
            "RESTORE");

    private ParseRefusals() {}

    /** A parse error, reworded when it comes from a ClickHouse-only word, with its position. */
    static SqlRefusedException of(String sql, SqlParseException e) {
        String message = e.getMessage() == null ? "cannot parse the query" : e.getMessage();
        String firstLine = message.lines().findFirst().orElse(message);
        var pos = e.getPos();
        if (pos == null || pos.getLineNum() == 0) {
            return new SqlRefusedException(firstLine);
        }
        int line = pos.getLineNum();
        int column = pos.getColumnNum();
        String clickHouseWord = clickHouseWordAt(sql, line, column);
        String reason = stringAsTable(sql, line, column)
                ? "a string cannot be read as a table: only the views " + WarehouseCatalog.views() + " can be read"
                : clickHouseWord != null
                        ? clickHouseWord
                                + " is not allowed: one standard SQL query over the views, without system tables, "
                                + "ClickHouse clauses, settings, output formats or further statements"
                        : firstLine.replaceAll(" at line \\d+, column \\d+\\.?$", "");
        return new SqlRefusedException(reason + " (line " + line + ", column " + column + ")", line, column);
    }

    /** Whether the parse broke on a quoted string right after FROM or JOIN ({@code FROM '/etc/passwd'}). */
    private static boolean stringAsTable(String sql, int line, int column) {
        int offset = offset(sql, line, column);
        Matcher before = LAST_WORD.matcher(sql.substring(0, offset));
        return offset < sql.length()
                && sql.charAt(offset) == '\''
                && before.find()
                && Set.of("FROM", "JOIN").contains(before.group(1).toUpperCase(Locale.ROOT));
    }

    /** The ClickHouse-only word at or just before the error position, if that is what broke the parse. */
    private static String clickHouseWordAt(String sql, int line, int column) {
        int offset = offset(sql, line, column);
        Matcher at = WORD.matcher(sql.substring(offset));
        if (at.lookingAt() && CLICKHOUSE_ONLY.contains(at.group(1).toUpperCase(Locale.ROOT))) {
            return at.group(1).toUpperCase(Locale.ROOT);
        }
        Matcher before = LAST_WORD.matcher(sql.substring(0, offset));
        if (before.find() && CLICKHOUSE_ONLY.contains(before.group(1).toUpperCase(Locale.ROOT))) {
            return before.group(1).toUpperCase(Locale.ROOT);
        }
        return null;
    }

    /** The index in {@code sql} of a 1-based line and column. */
    private static int offset(String sql, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int next = sql.indexOf('\n', offset);
            if (next < 0) {
                break;
            }
            offset = next + 1;
        }
        return Math.min(sql.length(), Math.max(0, offset + column - 1));
    }
}
