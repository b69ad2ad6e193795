package dev.pulse.surveys.definition;

import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.InvalidFieldException.FieldError;
import dev.pulse.surveys.Choice;
import dev.pulse.surveys.Localized;
import dev.pulse.surveys.OpenLink;
import dev.pulse.surveys.Question;
import dev.pulse.surveys.QuestionType;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.TypedText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a survey definition must keep; collects every broken rule with the field it concerns. */
final class DefinitionValidator {

    static final int MAX_QUESTIONS = 100;
    static final int MAX_OPTIONS = 50;
    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 2000;
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
    private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_-]{1,50}");

    private final List<String> regions;

    DefinitionValidator(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    /** Throws {@link InvalidFieldException} naming every field at fault. */
    void validate(SurveyDefinition definition) {
        List<FieldError> problems = new ArrayList<>();
        if (definition == null) {
            throw new InvalidFieldException("body", "a survey definition is required");
        }
        text(problems, "title", definition.title(), MAX_TITLE, true, false);
        text(problems, "intro", definition.intro(), MAX_TEXT, false, true);
        text(problems, "thankYou", definition.thankYou(), MAX_TEXT, true, true);
        openLink(problems, definition.openLink());
        List<Question> questions = definition.questions();
        if (questions.isEmpty()) {
            problems.add(new FieldError("questions", "at least one question is required"));
        } else if (questions.size() > MAX_QUESTIONS) {
            problems.add(new FieldError("questions", "at most " + MAX_QUESTIONS + " questions"));
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < questions.size(); i++) {
                question(problems, "questions[" + i + "]", questions.get(i), ids);
            }
            if (questions.stream()
                    .noneMatch(q -> q != null && q.type() != null && q.type().isScore())) {
                problems.add(new FieldError(
                        "questions",
                        "at least one NPS, CSAT or CES question is required: every survey response carries a score"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFieldException(problems);
        }
    }

    private void question(List<FieldError> problems, String path, Question q, Set<String> ids) {
        if (q == null) {
            problems.add(new FieldError(path, "must be a question object"));
            return;
        }
        id(problems, path + ".id", q.id(), ids);
        if (q.type() == null) {
            problems.add(new FieldError(
                    path + ".type",
                    "is required: one of NPS, CSAT, CES, RATING, SINGLE_CHOICE, MULTIPLE_CHOICE, TEXT"));
            return;
        }
        text(problems, path + ".text", q.text(), MAX_TEXT, true, true);
        if (q.type() == QuestionType.RATING) {
            if (q.max() == null || q.max() < 2 || q.max() > QuestionType.RATING.max()) {
                problems.add(
                        new FieldError(path + ".max", "a RATING needs max between 2 and " + QuestionType.RATING.max()));
            }
        } else if (q.max() != null) {
            problems.add(new FieldError(path + ".max", "only a RATING question has max"));
        }
        if (q.type().isChoice()) {
            if (q.options().size() < 2 || q.options().size() > MAX_OPTIONS) {
                problems.add(
                        new FieldError(path + ".options", "a choice question needs 2 to " + MAX_OPTIONS + " options"));
            }
            Set<String> optionIds = new HashSet<>();
            for (int i = 0; i < q.options().size() && i < MAX_OPTIONS; i++) {
                Choice option = q.options().get(i);
                String optionPath = path + ".options[" + i + "]";
                if (option == null) {
                    problems.add(new FieldError(optionPath, "must be an option object"));
                    continue;
                }
                id(problems, optionPath + ".id", option.id(), optionIds);
                text(problems, optionPath + ".text", option.text(), MAX_TITLE, true, false);
            }
        } else if (!q.options().isEmpty()) {
            problems.add(new FieldError(path + ".options", "only a choice question has options"));
        }
    }

    private static void id(List<FieldError> problems, String path, String id, Set<String> seen) {
        if (id == null || !ID.matcher(id).matches()) {
            problems.add(new FieldError(path, "must be a letter followed by up to 39 letters, digits, '_' or '-'"));
        } else if (!seen.add(id)) {
            problems.add(new FieldError(path, "'" + id + "' is used twice"));
        }
    }

    private static void text(
            List<FieldError> problems, String path, Localized text, int max, boolean required, boolean multiline) {
        if (text == null) {
            if (required) {
                problems.add(new FieldError(path, "is required, in zh and en"));
            }
            return;
        }
        for (String language : List.of("zh", "en")) {
            String value = "zh".equals(language) ? text.zh() : text.en();
            if (value == null || value.isBlank()) {
                problems.add(new FieldError(path + "." + language, "is required"));
                continue;
            }
            String problem = TypedText.problem(value, max, multiline);
            if (problem != null) {
                problems.add(new FieldError(path + "." + language, problem));
            }
        }
    }

    private void openLink(List<FieldError> problems, OpenLink link) {
        if (link == null) {
            return;
        }
        if (link.region() == null || !regions.contains(link.region())) {
            problems.add(new FieldError("openLink.region", "must be one of " + String.join(" ", regions)));
        }
        if (link.channel() != null && !CHANNEL.matcher(link.channel()).matches()) {
            problems.add(new FieldError("openLink.channel", "must be 1 to 50 letters, digits, '_' or '-'"));
        }
    }
}
