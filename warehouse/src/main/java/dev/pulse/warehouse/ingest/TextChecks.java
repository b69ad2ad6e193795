package dev.pulse.warehouse.ingest;

/** Checks on text that every parser and field type shares. */
final class TextChecks {

    private TextChecks() {}

    /** Index of the first unpaired surrogate (a {@code \ud800} escape decodes to one), or -1. */
    static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code s} holds a control character; tab, CR and LF count only when not allowed. */
    static boolean hasControl(String s, boolean allowLineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
                    continue;
                }
                return true;
            }
        }
        return false;
    }

    /** A client-supplied name made safe to echo back: short, printable, valid UTF-16. */
    static String echo(String s) {
        return echo(s, 100);
    }

    /** Like {@link #echo(String)} with room for {@code max} characters. */
    static String echo(String s, int max) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < s.length() && count < max; i++, count++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return count == max && s.length() > out.length() ? out.append('…').toString() : out.toString();
    }
}
