package dev.pulse.surveys.response;

import java.util.List;

/**
 * Something wrong with a submission, as a text key of {@code surveys/texts_*.properties} and its
 * arguments, so that the page can say it in the respondent's language.
 */
record Problem(String code, List<Object> args) {

    static Problem of(String code, Object... args) {
        return new Problem(code, List.of(args));
    }
}
