package dev.pulse.surveys;

/**
 * A text shown to respondents, in Chinese and in English.
 *
 * @param zh the Chinese text
 * @param en the English text
 */
public record Localized(String zh, String en) {

    /** The text in {@code language} ({@code zh} or {@code en}); the other one when that is missing. */
    public String in(String language) {
        String wanted = "en".equals(language) ? en : zh;
        return wanted == null || wanted.isBlank() ? ("en".equals(language) ? zh : en) : wanted;
    }
}
