package dev.pulse.surveys;

import java.util.List;

/**
 * One question of a survey.
 *
 * @param id the key of the answer in the event's {@code answers}
 * @param type what is asked for
 * @param required whether a submission without an answer is refused
 * @param text the question as the respondent reads it
 * @param max the top of the scale, for RATING only (1 to max)
 * @param options the list, for SINGLE_CHOICE and MULTIPLE_CHOICE only
 */
public record Question(
        String id, QuestionType type, boolean required, Localized text, Integer max, List<Choice> options) {

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** The lowest value of a scale question. */
    public int scaleMin() {
        return type.min();
    }

    /** The highest value of a scale question. */
    public int scaleMax() {
        return type == QuestionType.RATING ? max : type.max();
    }
}
