package dev.pulse.surveys.response;

import dev.pulse.surveys.Question;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.TypedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a submitted form against the survey version it answers. Answers arrive as form fields
 * {@code q.<questionId>}; any other field except the CSRF token, {@code lang} and {@code v} is
 * refused, so a respondent cannot set region, customer or time.
 */
final class AnswerValidator {

    static final String PREFIX = "q.";
    static final int MAX_TEXT = 10_000;
    /** The warehouse keeps at most 64 Ki characters of answers per response. */
    static final int MAX_ANSWERS_CHARS = 60_000;

    private static final Set<String> ALLOWED = Set.of("_csrf", "lang", "v", "submission");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    private AnswerValidator() {}

    /**
     * The answers by question id (Integer, String or List of String), or the problems found.
     *
     * @param general problems not tied to one question
     * @param byQuestion problems by question id
     */
    record Result(Map<String, Object> answers, List<Problem> general, Map<String, Problem> byQuestion) {

        boolean valid() {
            return general.isEmpty() && byQuestion.isEmpty();
        }
    }

    static Result validate(SurveyDefinition survey, Map<String, String[]> form) {
        List<Problem> general = new ArrayList<>();
        Map<String, Problem> byQuestion = new LinkedHashMap<>();
        for (String name : form.keySet()) {
            if (name.startsWith(PREFIX)) {
                String id = name.substring(PREFIX.length());
                if (survey.question(id).isEmpty()) {
                    general.add(Problem.of("error.unknownQuestion", shorten(id)));
                }
            } else if (!ALLOWED.contains(name)) {
                general.add(Problem.of("error.notAllowed", shorten(name)));
            }
            if (general.size() >= 10) {
                break;
            }
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Question q : survey.questions()) {
            String[] raw = form.getOrDefault(PREFIX + q.id(), new String[0]);
            String[] values =
                    Arrays.stream(raw).filter(v -> v != null && !v.isBlank()).toArray(String[]::new);
            if (values.length == 0) {
                if (q.required()) {
                    byQuestion.put(q.id(), Problem.of("error.required"));
                }
                continue;
            }
            Object answer = switch (q.type()) {
                case NPS, CSAT, CES, RATING -> scale(q, values, byQuestion);
                case SINGLE_CHOICE -> single(q, values, byQuestion);
                case MULTIPLE_CHOICE -> multiple(q, values, byQuestion);
                case TEXT -> text(q, values, byQuestion);
            };
            if (answer != null) {
                answers.put(q.id(), answer);
            }
        }
        boolean scored = survey.questions().stream().anyMatch(q -> q.type().isScore() && answers.containsKey(q.id()));
        if (!scored && byQuestion.isEmpty()) {
            survey.questions().stream()
                    .filter(q -> q.type().isScore())
                    .findFirst()
                    .ifPresent(q -> byQuestion.put(q.id(), Problem.of("error.scoreRequired")));
        }
        long textChars = answers.values().stream()
                .filter(a -> a instanceof String)
                .mapToLong(a -> ((String) a).length())
                .sum();
        if (textChars > MAX_ANSWERS_CHARS) {
            survey.questions().stream()
                    .filter(q -> answers.get(q.id()) instanceof String s && s.length() > 1000)
                    .reduce((a, b) -> b)
                    .ifPresent(q -> byQuestion.put(q.id(), Problem.of("error.tooLong", MAX_TEXT)));
        }
        return new Result(answers, general, byQuestion);
    }

    private static Integer scale(Question q, String[] values, Map<String, Problem> problems) {
        if (values.length > 1) {
            problems.put(q.id(), Problem.of("error.oneAnswer"));
            return null;
        }
        String value = values[0].strip();
        if (!INTEGER.matcher(value).matches()) {
            problems.put(q.id(), Problem.of("error.notANumber"));
            return null;
        }
        int score = Integer.parseInt(value);
        if (score < q.scaleMin() || score > q.scaleMax()) {
            problems.put(q.id(), Problem.of("error.outOfRange", q.scaleMin(), q.scaleMax()));
            return null;
        }
        return score;
    }

    private static String single(Question q, String[] values, Map<String, Problem> problems) {
        if (values.length > 1) {
            problems.put(q.id(), Problem.of("error.oneAnswer"));
            return null;
        }
        if (q.options().stream().noneMatch(o -> o.id().equals(values[0]))) {
            problems.put(q.id(), Problem.of("error.notInList"));
            return null;
        }
        return values[0];
    }

    private static List<String> multiple(Question q, String[] values, Map<String, Problem> problems) {
        if (values.length > q.options().size()) {
            problems.put(q.id(), Problem.of("error.tooMany"));
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (q.options().stream().noneMatch(o -> o.id().equals(value))) {
                problems.put(q.id(), Problem.of("error.notInList"));
                return null;
            }
            if (!seen.add(value)) {
                problems.put(q.id(), Problem.of("error.repeated"));
                return null;
            }
        }
        return List.of(values);
    }

    private static String text(Question q, String[] values, Map<String, Problem> problems) {
        if (values.length > 1) {
            problems.put(q.id(), Problem.of("error.oneAnswer"));
            return null;
        }
        String problem = TypedText.problem(values[0], MAX_TEXT, true);
        if (problem != null) {
            problems.put(
                    q.id(),
                    problem.startsWith("longer") ? Problem.of("error.tooLong", MAX_TEXT) : Problem.of("error.badText"));
            return null;
        }
        return values[0];
    }

    private static String shorten(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}
