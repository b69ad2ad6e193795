package dev.pulse.surveys;

import java.util.List;
import java.util.Optional;

/**
 * What one version of a survey asks and says.
 *
 * @param title shown on top of the page and as the mail subject
 * @param intro shown below the title; may be null
 * @param thankYou shown after a submission
 * @param openLink set when the survey may be answered anonymously; may be null
 * @param questions in display order
 */
public record SurveyDefinition(
        Localized title, Localized intro, Localized thankYou, OpenLink openLink, List<Question> questions) {

    public SurveyDefinition {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** The question with this id. */
    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }
}
