package dev.pulse.warehouse.ingest;

/**
 * One line of a body: its 1-based number and its text, or why it could not be read as text.
 *
 * @param number 1-based line number in the decompressed body
 * @param text the line without its line end; null when {@code error} is set
 * @param error why the line is unreadable (invalid UTF-8, too long); null when it is fine
 */
record Line(long number, String text, String error) {

    static Line ok(long number, String text) {
        return new Line(number, text, null);
    }

    static Line bad(long number, String error) {
        return new Line(number, null, error);
    }

    boolean blank() {
        return text != null && text.isBlank();
    }
}
