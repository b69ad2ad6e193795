package dev.pulse.warehouse.query;

/**
 * Measures how deeply parentheses nest in SQL text before the parser sees it: the parser is
 * recursive, and {@code ((((...} 10 000 deep would exhaust its stack.
 */
final class NestingLimit {

    private NestingLimit() {}

    /**
     * @throws SqlRefusedException at the first parenthesis deeper than {@code max}
     */
    static void check(String sql, int max) {
        int depth = 0;
        int line = 1;
        int column = 0;
        char quote = 0;
        boolean lineComment = false;
        boolean blockComment = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            column++;
            if (c == '\n') {
                line++;
                column = 0;
                lineComment = false;
            } else if (lineComment) {
                continue;
            } else if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    i++;
                    column++;
                }
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '-' && next == '-') {
                lineComment = true;
            } else if (c == '/' && next == '*') {
                blockComment = true;
                i++;
                column++;
            } else if (c == '(' && ++depth > max) {
                throw new SqlRefusedException("parentheses nest deeper than " + max + " levels", line, column);
            } else if (c == ')') {
                depth--;
            }
        }
    }
}
