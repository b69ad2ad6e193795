package dev.pulse.surveys.response;

import dev.pulse.surveys.Choice;
import dev.pulse.surveys.Question;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One question as the page shows it, in the respondent's language, with what they had entered and
 * what is wrong with it.
 *
 * @param kind {@code scale}, {@code single}, {@code multiple} or {@code text}
 * @param choices the radio or checkbox items; empty for text
 * @param lowLabel the label of a scale's lowest value; null for other kinds
 * @param highLabel the label of a scale's highest value; null for other kinds
 * @param error the problem, already in the respondent's language; null when none
 * @param text what was typed into a text question
 */
record QuestionView(
        String id,
        String kind,
        boolean required,
        String label,
        List<Item> choices,
        String lowLabel,
        String highLabel,
        String error,
        String text) {

    /** One radio button or checkbox. */
    record Item(String value, String label, boolean checked) {}

    static QuestionView of(
            Question q, String language, Set<String> entered, String error, String lowLabel, String highLabel) {
        String label = q.text().in(language);
        return switch (q.type()) {
            case NPS, CSAT, CES, RATING ->
                new QuestionView(
                        q.id(),
                        "scale",
                        q.required(),
                        label,
                        IntStream.rangeClosed(q.scaleMin(), q.scaleMax())
                                .mapToObj(i -> new Item(
                                        Integer.toString(i),
                                        Integer.toString(i),
                                        entered.contains(Integer.toString(i))))
                                .toList(),
                        lowLabel,
                        highLabel,
                        error,
                        null);
            case SINGLE_CHOICE, MULTIPLE_CHOICE ->
                new QuestionView(
                        q.id(),
                        q.type().name().startsWith("SINGLE") ? "single" : "multiple",
                        q.required(),
                        label,
                        q.options().stream()
                                .map((Choice o) -> new Item(o.id(), o.text().in(language), entered.contains(o.id())))
                                .toList(),
                        null,
                        null,
                        error,
                        null);
            case TEXT ->
                new QuestionView(
                        q.id(),
                        "text",
                        q.required(),
                        label,
                        List.of(),
                        null,
                        null,
                        error,
                        entered.isEmpty() ? "" : entered.iterator().next());
        };
    }
}
