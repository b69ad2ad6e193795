package dev.pulse.warehouse.ingest;

/**
 * One line of a body: its 1-based number and its text, or why it could not be read as text.
 *
 * <p>A {@link LineReader} made for JSON hands out the line's bytes instead of a decoded String, so
 * that the parser reads UTF-8 directly; those bytes are only valid until its next line is read.
 *
 * @param number 1-based line number in the decompressed body
 * @param text the line without its line end; null when {@code error} is set or the line is given as bytes
 * @param error why the line is unreadable (invalid UTF-8, too long); null when it is fine
 * @param bytes the line as well-formed UTF-8 without its line end, from {@code offset} for {@code length}
 *     bytes; null unless the reader gives bytes
 */
record Line(long number, String text, String error, byte[] bytes, int offset, int length) {

    static Line ok(long number, String text) {
        return new Line(number, text, null, null, 0, 0);
    }

    static Line ok(long number, byte[] bytes, int offset, int length) {
        return new Line(number, null, null, bytes, offset, length);
    }

    static Line bad(long number, String error) {
        return new Line(number, null, error, null, 0, 0);
    }

    boolean blank() {
        if (text != null) {
            return text.isBlank();
        }
        if (bytes == null) {
            return false;
        }
        boolean wide = false;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b < 0) {
                wide = true;
            } else if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        // only spaces so far: a non-ASCII space (U+3000, say) is blank as String.isBlank has it
        return !wide || new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8).isBlank();
    }
}
