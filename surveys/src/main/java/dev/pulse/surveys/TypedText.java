package dev.pulse.surveys;

/**
 * Checks for text that a person typed: it may hold any language, emoji and line breaks, but no
 * control characters (PostgreSQL refuses NUL) and no lone surrogates (they cannot be UTF-8).
 */
public final class TypedText {

    private TypedText() {}

    /** Why {@code text} cannot be stored, or null when it can. */
    public static String problem(String text, int maxCodePoints, boolean multiline) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an invalid character (lone surrogate)";
            } else if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                return "contains a control character";
            }
            if (++count > maxCodePoints) {
                return "longer than " + maxCodePoints + " characters";
            }
        }
        return null;
    }
}
