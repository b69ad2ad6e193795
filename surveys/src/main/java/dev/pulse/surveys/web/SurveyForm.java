package dev.pulse.surveys.web;

import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.InvalidFieldException.FieldError;
import dev.pulse.surveys.Choice;
import dev.pulse.surveys.Localized;
import dev.pulse.surveys.OpenLink;
import dev.pulse.surveys.Question;
import dev.pulse.surveys.QuestionType;
import dev.pulse.surveys.SurveyDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;

/**
 * The survey editor's form, as typed: field names are the definition's own paths ({@code title.zh},
 * {@code questions[2].text.en}), so the service's validation errors land next to the field they name. Options are
 * one per line, {@code id | 中文 | English}. A question slot left entirely empty is not a question.
 *
 * @param questions the question slots in display order, blank ones included
 */
record SurveyForm(
        String titleZh,
        String titleEn,
        String introZh,
        String introEn,
        String thankYouZh,
        String thankYouEn,
        String openRegion,
        String openChannel,
        List<QuestionSlot> questions) {

    static final int MAX_SLOTS = 100;
    private static final Pattern SLOT =
            Pattern.compile("questions\\[(\\d{1,6})]\\.(id|type|required|text\\.zh|text\\.en|max|options)");
    private static final Pattern QUESTION = Pattern.compile("questions\\[(\\d+)]");
    private static final Pattern OPTIONS_FIELD = Pattern.compile("(questions\\[\\d+]\\.options).*");

    /**
     * One question slot of the form.
     *
     * @param type a {@link QuestionType} name, or blank
     * @param options one option a line: {@code id | 中文 | English}
     */
    record QuestionSlot(
            String id, String type, boolean required, String textZh, String textEn, String max, String options) {

        static QuestionSlot blank(String type) {
            return new QuestionSlot("", type, false, "", "", "", "");
        }

        boolean isBlank() {
            return id.isBlank()
                    && type.isBlank()
                    && textZh.isBlank()
                    && textEn.isBlank()
                    && max.isBlank()
                    && options.isBlank();
        }
    }

    /** An empty form for a new survey: an NPS slot and three open ones. */
    static SurveyForm empty() {
        return new SurveyForm(
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                List.of(
                        QuestionSlot.blank("NPS"),
                        QuestionSlot.blank(""),
                        QuestionSlot.blank(""),
                        QuestionSlot.blank("")));
    }

    /** The form showing an existing definition. */
    static SurveyForm of(SurveyDefinition d) {
        List<QuestionSlot> slots = d.questions().stream()
                .map(q -> new QuestionSlot(
                        q.id(),
                        q.type().name(),
                        q.required(),
                        q.text().zh(),
                        q.text().en(),
                        q.max() == null ? "" : q.max().toString(),
                        q.options().stream()
                                .map(o -> o.id() + " | " + o.text().zh() + " | "
                                        + o.text().en())
                                .collect(Collectors.joining("\n"))))
                .toList();
        OpenLink link = d.openLink();
        return new SurveyForm(
                d.title().zh(),
                d.title().en(),
                d.intro() == null ? "" : d.intro().zh(),
                d.intro() == null ? "" : d.intro().en(),
                d.thankYou().zh(),
                d.thankYou().en(),
                link == null ? "" : link.region(),
                link == null || link.channel() == null ? "" : link.channel(),
                slots);
    }

    /**
     * Reads the posted form; unknown fields are ignored.
     *
     * @throws InvalidFieldException when a question index is beyond {@link #MAX_SLOTS}
     */
    static SurveyForm read(MultiValueMap<String, String> form) {
        TreeMap<Integer, Map<String, String>> slots = new TreeMap<>();
        for (String name : form.keySet()) {
            Matcher m = SLOT.matcher(name);
            if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                if (index >= MAX_SLOTS) {
                    throw new InvalidFieldException("questions", "at most " + MAX_SLOTS + " questions");
                }
                slots.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(m.group(2), value(form, name));
            }
        }
        // the posted index is the slot's place on the page, so that problems named by index land at the right slot
        List<QuestionSlot> questions = new ArrayList<>();
        int size = slots.isEmpty() ? 0 : slots.lastKey() + 1;
        for (int i = 0; i < size; i++) {
            Map<String, String> s = slots.getOrDefault(i, Map.of());
            questions.add(new QuestionSlot(
                    s.getOrDefault("id", "").strip(),
                    s.getOrDefault("type", "").strip(),
                    "true".equals(s.get("required")),
                    s.getOrDefault("text.zh", ""),
                    s.getOrDefault("text.en", ""),
                    s.getOrDefault("max", "").strip(),
                    s.getOrDefault("options", "")));
        }
        return new SurveyForm(
                value(form, "title.zh"),
                value(form, "title.en"),
                value(form, "intro.zh"),
                value(form, "intro.en"),
                value(form, "thankYou.zh"),
                value(form, "thankYou.en"),
                value(form, "openLink.region").strip(),
                value(form, "openLink.channel").strip(),
                questions);
    }

    /** The same form with {@code n} more empty question slots. */
    SurveyForm withMoreSlots(int n) {
        List<QuestionSlot> more = new ArrayList<>(questions);
        for (int i = 0; i < n && more.size() < MAX_SLOTS; i++) {
            more.add(QuestionSlot.blank(""));
        }
        return new SurveyForm(
                titleZh, titleEn, introZh, introEn, thankYouZh, thankYouEn, openRegion, openChannel, more);
    }

    /**
     * The definition the form describes, for the service to validate. Only what the form itself can get wrong is
     * checked here (a number that is not one, an option line without its three parts, an unknown type).
     *
     * @throws InvalidFieldException naming the form field
     */
    SurveyDefinition definition() {
        List<FieldError> problems = new ArrayList<>();
        List<Question> list = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            QuestionSlot slot = questions.get(i);
            if (!slot.isBlank()) {
                list.add(question("questions[" + i + "]", slot, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFieldException(problems);
        }
        Localized intro = introZh.isBlank() && introEn.isBlank() ? null : new Localized(introZh, introEn);
        OpenLink link =
                openRegion.isBlank() ? null : new OpenLink(openRegion, openChannel.isBlank() ? null : openChannel);
        return new SurveyDefinition(
                new Localized(titleZh, titleEn), intro, new Localized(thankYouZh, thankYouEn), link, list);
    }

    private static Question question(String path, QuestionSlot slot, List<FieldError> problems) {
        QuestionType type = null;
        try {
            type = slot.type().isBlank() ? null : QuestionType.valueOf(slot.type());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldError(path + ".type", "unknown question type"));
        }
        Integer max = null;
        if (!slot.max().isBlank()) {
            if (slot.max().matches("[0-9]{1,3}")) {
                max = Integer.parseInt(slot.max());
            } else {
                problems.add(new FieldError(path + ".max", "must be a whole number"));
            }
        }
        List<Choice> options = new ArrayList<>();
        String[] lines = slot.options().split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            String[] parts = lines[n].split("\\|", -1);
            if (parts.length != 3) {
                problems.add(new FieldError(path + ".options", "line " + (n + 1) + ": write id | 中文 | English"));
                continue;
            }
            options.add(new Choice(parts[0].strip(), new Localized(parts[1].strip(), parts[2].strip())));
        }
        return new Question(
                slot.id(), type, slot.required(), new Localized(slot.textZh(), slot.textEn()), max, options);
    }

    /**
     * The problems of {@link #definition()}'s questions renamed to the form's slots: blank slots are not questions, so
     * the definition's {@code questions[1]} may be the form's {@code questions[3]}.
     */
    List<FieldError> inForm(List<FieldError> problems) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            if (!questions.get(i).isBlank()) {
                slots.add(i);
            }
        }
        return problems.stream()
                .map(p -> {
                    Matcher m = QUESTION.matcher(p.field());
                    if (!m.lookingAt()) {
                        return p;
                    }
                    int index = Integer.parseInt(m.group(1));
                    return index < slots.size()
                            ? new FieldError(
                                    "questions[" + slots.get(index) + "]"
                                            + p.field().substring(m.end()),
                                    p.message())
                            : p;
                })
                .toList();
    }

    /**
     * The service's problems by the form field they belong to: an option's problem goes to its question's options box.
     * Every problem also stays in the list for the page's summary.
     */
    static Map<String, List<String>> byField(List<FieldError> problems) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (FieldError p : problems) {
            Matcher options = OPTIONS_FIELD.matcher(p.field());
            String field = options.matches() ? options.group(1) : p.field();
            String where = field.equals(p.field()) ? "" : p.field().substring(field.length()) + ": ";
            errors.computeIfAbsent(field, f -> new ArrayList<>()).add(where + p.message());
        }
        return errors;
    }

    private static String value(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }
}
