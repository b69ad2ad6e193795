package dev.pulse.surveys.response;

import dev.pulse.surveys.Question;
import dev.pulse.surveys.QuestionType;
import dev.pulse.surveys.Survey;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.SurveyStatus;
import dev.pulse.surveys.SurveyTexts;
import dev.pulse.surveys.Surveys;
import dev.pulse.surveys.SurveysSettings;
import dev.pulse.surveys.invitation.Invitation;
import dev.pulse.surveys.invitation.InvitationService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.View;

/**
 * The respondent's pages: {@code /s/{token}} for a personal invitation (single use) and
 * {@code /s/open/{surveyId}} for a survey's anonymous link. Plain HTML forms, no JavaScript; every
 * text a survey author or respondent wrote is rendered escaped.
 */
@Controller
@RequestMapping("/s")
class ResponsePageController {

    private static final Logger log = LoggerFactory.getLogger(ResponsePageController.class);

    private final Surveys surveys;
    private final InvitationService invitations;
    private final SubmissionService submissions;
    private final RateLimiter limiter;

    ResponsePageController(
            Surveys surveys,
            InvitationService invitations,
            SubmissionService submissions,
            SurveysSettings settings,
            Optional<Clock> clock) {
        this.surveys = surveys;
        this.invitations = invitations;
        this.submissions = submissions;
        this.limiter = new RateLimiter(settings.submissionsPerMinute(), clock.orElse(Clock.systemUTC()));
    }

    @GetMapping("/{token}")
    String personal(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        String lang = language(request);
        Optional<Invitation> invitation = invitations.findByToken(token);
        Optional<Survey> survey = invitation.flatMap(i -> surveys.find(i.surveyId()));
        String refusal = refusal(survey, invitation);
        if (refusal != null) {
            return message(model, response, lang, refusal, survey);
        }
        return form(
                model,
                lang,
                survey.orElseThrow(),
                survey.get().version(),
                survey.get().definition(),
                "/s/" + token,
                Map.of(),
                List.of(),
                Map.of());
    }

    @PostMapping("/{token}")
    String submitPersonal(
            @PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        String lang = language(request);
        if (limited(request, response, model, lang)) {
            return "surveys/message";
        }
        Optional<Invitation> invitation = invitations.findByToken(token);
        Optional<Survey> survey = invitation.flatMap(i -> surveys.find(i.surveyId()));
        String refusal = refusal(survey, invitation);
        if (refusal != null) {
            return message(model, response, lang, refusal, survey);
        }
        return submit(request, response, model, lang, survey.get(), "/s/" + token, (definition, version, answers) -> {
            if (!submissions.submit(invitation.get(), definition, version, answers, lang)) {
                return message(model, response, lang, "answered", survey);
            }
            return thanks(model, lang, definition);
        });
    }

    @GetMapping("/open/{surveyId}")
    String open(@PathVariable String surveyId, HttpServletRequest request, HttpServletResponse response, Model model) {
        String lang = language(request);
        Optional<Survey> survey =
                surveys.find(surveyId).filter(s -> s.definition().openLink() != null);
        String refusal = refusal(survey, Optional.empty());
        if (refusal != null) {
            return message(model, response, lang, refusal, survey);
        }
        return form(
                model,
                lang,
                survey.get(),
                survey.get().version(),
                survey.get().definition(),
                "/s/open/" + surveyId,
                Map.of(),
                List.of(),
                Map.of());
    }

    @PostMapping("/open/{surveyId}")
    String submitOpen(
            @PathVariable String surveyId, HttpServletRequest request, HttpServletResponse response, Model model) {
        String lang = language(request);
        if (limited(request, response, model, lang)) {
            return "surveys/message";
        }
        Optional<Survey> survey =
                surveys.find(surveyId).filter(s -> s.definition().openLink() != null);
        String refusal = refusal(survey, Optional.empty());
        if (refusal != null) {
            return message(model, response, lang, refusal, survey);
        }
        return submit(
                request, response, model, lang, survey.get(), "/s/open/" + surveyId, (definition, version, answers) -> {
                    submissions.submitAnonymous(
                            survey.get(),
                            definition,
                            version,
                            answers,
                            lang,
                            SubmissionService.submissionId(request.getParameter(SubmissionService.SUBMISSION_FIELD)));
                    // 303: the browser follows with a GET, so reloading the thank-you page cannot submit again
                    request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.SEE_OTHER);
                    return "redirect:/s/open/" + surveyId + "/thanks?lang=" + lang;
                });
    }

    @GetMapping("/open/{surveyId}/thanks")
    String openThanks(
            @PathVariable String surveyId, HttpServletRequest request, HttpServletResponse response, Model model) {
        String lang = language(request);
        Optional<Survey> survey =
                surveys.find(surveyId).filter(s -> s.definition().openLink() != null);
        if (survey.isEmpty() || survey.get().status() == SurveyStatus.DRAFT) {
            return message(model, response, lang, "notFound", survey);
        }
        return thanks(model, lang, survey.get().definition());
    }

    /** What to do with valid answers; returns the view. */
    private interface Accepted {
        String accept(SurveyDefinition definition, int version, Map<String, Object> answers);
    }

    private String submit(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            String lang,
            Survey survey,
            String action,
            Accepted accepted) {
        Map<String, String[]> form = request.getParameterMap();
        if (request.getAttribute(PublicFormFilter.TOO_MANY_FIELDS) != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(
                    model,
                    lang,
                    survey,
                    survey.version(),
                    survey.definition(),
                    action,
                    Map.of(),
                    List.of(Problem.of("error.tooManyFields", PublicFormFilter.MAX_FIELDS)),
                    Map.of());
        }
        int version = version(form.get("v"), survey.version());
        Optional<SurveyDefinition> definition = version > 0 ? surveys.version(survey.id(), version) : Optional.empty();
        if (definition.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(
                    model,
                    lang,
                    survey,
                    survey.version(),
                    survey.definition(),
                    action,
                    form,
                    List.of(Problem.of("error.version")),
                    Map.of());
        }
        AnswerValidator.Result result = AnswerValidator.validate(definition.get(), form);
        if (!result.valid()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(
                    model,
                    lang,
                    survey,
                    version,
                    definition.get(),
                    action,
                    form,
                    result.general(),
                    result.byQuestion());
        }
        try {
            return accepted.accept(definition.get(), version, result.answers());
        } catch (SubmissionService.ResponseRejectedException e) {
            log.warn("Survey {} response refused by the warehouse: {}", survey.id(), e.getMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(
                    model,
                    lang,
                    survey,
                    version,
                    definition.get(),
                    action,
                    form,
                    List.of(Problem.of("page.storeFailed")),
                    Map.of());
        } catch (RuntimeException e) {
            log.error("Survey {} response not stored", survey.id(), e);
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            return message(model, response, lang, "storeFailed", Optional.of(survey));
        }
    }

    private String form(
            Model model,
            String lang,
            Survey survey,
            int version,
            SurveyDefinition definition,
            String action,
            Map<String, String[]> entered,
            List<Problem> general,
            Map<String, Problem> byQuestion) {
        page(model, lang, definition.title().in(lang));
        List<QuestionView> questions = new ArrayList<>();
        for (Question q : definition.questions()) {
            String[] values = entered.getOrDefault(AnswerValidator.PREFIX + q.id(), new String[0]);
            Set<String> kept = values.length > 100 ? Set.of() : new LinkedHashSet<>(Arrays.asList(values));
            if (q.type() == QuestionType.TEXT) {
                // too long to have been accepted: keep a part the respondent can shorten, not a megabyte in the page
                kept = kept.stream()
                        .map(v -> v.length() > 2 * AnswerValidator.MAX_TEXT
                                ? v.substring(0, 2 * AnswerValidator.MAX_TEXT)
                                : v)
                        .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
            }
            Problem problem = byQuestion.get(q.id());
            String low = q.type() == QuestionType.NPS
                    ? SurveyTexts.format(lang, "page.npsLow")
                    : SurveyTexts.format(lang, "page.scaleLow");
            String high = q.type() == QuestionType.NPS
                    ? SurveyTexts.format(lang, "page.npsHigh")
                    : SurveyTexts.format(lang, "page.scaleHigh");
            questions.add(QuestionView.of(q, lang, kept, problem == null ? null : text(lang, problem), low, high));
        }
        model.addAttribute(
                "intro", definition.intro() == null ? null : definition.intro().in(lang));
        model.addAttribute("questions", questions);
        model.addAttribute(
                "generalErrors", general.stream().map(p -> text(lang, p)).toList());
        model.addAttribute("hasErrors", !general.isEmpty() || !byQuestion.isEmpty());
        model.addAttribute("action", action + "?lang=" + lang);
        model.addAttribute("version", version);
        // one id per form, kept when the form comes back with errors: a resubmission of the same answers is stored once
        String[] submission = entered.get(SubmissionService.SUBMISSION_FIELD);
        model.addAttribute(
                "submission",
                SubmissionService.submissionId(submission == null || submission.length != 1 ? null : submission[0]));
        model.addAttribute("switchLink", action + "?lang=" + SurveyTexts.format(lang, "page.languageCode"));
        return "surveys/respond";
    }

    private String thanks(Model model, String lang, SurveyDefinition definition) {
        page(model, lang, definition.title().in(lang));
        model.addAttribute("headline", SurveyTexts.format(lang, "page.thanks"));
        model.addAttribute("detail", definition.thankYou().in(lang));
        return "surveys/message";
    }

    private String message(
            Model model, HttpServletResponse response, String lang, String kind, Optional<Survey> survey) {
        response.setStatus(
                switch (kind) {
                    case "closed", "answered" -> HttpStatus.GONE.value();
                    case "storeFailed" -> HttpStatus.SERVICE_UNAVAILABLE.value();
                    default -> HttpStatus.NOT_FOUND.value();
                });
        page(
                model,
                lang,
                survey.filter(s -> s.status() != SurveyStatus.DRAFT)
                        .map(s -> s.definition().title().in(lang))
                        .orElse("Pulse"));
        model.addAttribute("headline", SurveyTexts.format(lang, "page." + kind));
        model.addAttribute("detail", SurveyTexts.format(lang, "page." + kind + "Detail"));
        return "surveys/message";
    }

    private boolean limited(HttpServletRequest request, HttpServletResponse response, Model model, String lang) {
        Optional<Duration> wait = limiter.acquire(request.getRemoteAddr());
        if (wait.isEmpty()) {
            return false;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(seconds));
        page(model, lang, "Pulse");
        model.addAttribute("headline", SurveyTexts.format(lang, "page.rateLimited"));
        model.addAttribute("detail", SurveyTexts.format(lang, "page.rateLimitedDetail", seconds));
        return true;
    }

    private static void page(Model model, String lang, String title) {
        model.addAttribute("lang", lang);
        model.addAttribute("htmlLang", "zh".equals(lang) ? "zh-CN" : "en");
        model.addAttribute("t", SurveyTexts.all(lang));
        model.addAttribute("title", title);
    }

    /** Why the survey cannot be answered now, as a text kind; null when it can. */
    private static String refusal(Optional<Survey> survey, Optional<Invitation> invitation) {
        if (survey.isEmpty() || survey.get().status() == SurveyStatus.DRAFT) {
            return "notFound";
        }
        if (survey.get().status() == SurveyStatus.CLOSED) {
            return "closed";
        }
        if (invitation.isPresent() && invitation.get().respondedAt() != null) {
            return "answered";
        }
        return null;
    }

    private static int version(String[] values, int current) {
        if (values == null || values.length != 1 || !values[0].matches("\\d{1,9}")) {
            return -1;
        }
        int version = Integer.parseInt(values[0]);
        return version >= 1 && version <= current ? version : -1;
    }

    private static String text(String lang, Problem problem) {
        return SurveyTexts.format(lang, problem.code(), problem.args().toArray());
    }

    /** {@code ?lang=} when it names zh or en, else the first of zh or en in Accept-Language, else zh. */
    static String language(HttpServletRequest request) {
        return language(request, request.getParameter("lang"));
    }

    /** As {@link #language(HttpServletRequest)}, with {@code lang} read by the caller (which must not parse the body). */
    static String language(HttpServletRequest request, String lang) {
        if (lang != null && SurveyTexts.LANGUAGES.contains(lang)) {
            return lang;
        }
        if (request.getHeader("Accept-Language") == null) {
            return SurveyTexts.LANGUAGES.getFirst();
        }
        for (Locale locale : Collections.list(request.getLocales())) {
            if (SurveyTexts.LANGUAGES.contains(locale.getLanguage())) {
                return locale.getLanguage();
            }
        }
        return SurveyTexts.LANGUAGES.getFirst();
    }
}
