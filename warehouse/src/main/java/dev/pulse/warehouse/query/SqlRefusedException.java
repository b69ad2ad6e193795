package dev.pulse.warehouse.query;

/**
 * Analyst SQL that Pulse will not run, and why; thrown before any engine sees the text.
 * {@code line} and {@code column} (1-based) point at the offending text when known, else 0.
 */
public class SqlRefusedException extends RuntimeException {

    private final int line;
    private final int column;

    public SqlRefusedException(String reason) {
        this(reason, 0, 0);
    }

    public SqlRefusedException(String reason, int line, int column) {
        super(reason);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line of the problem, 0 when it is about the whole text. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, 0 when it is about the whole text. */
    public int column() {
        return column;
    }
}
