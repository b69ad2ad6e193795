package dev.pulse.surveys.web;

import dev.pulse.kernel.AuditAction;
import dev.pulse.kernel.AuditEvent;
import dev.pulse.kernel.AuditLog;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.InvalidFieldException.FieldError;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.surveys.QuestionType;
import dev.pulse.surveys.Survey;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.SurveyNotFoundException;
import dev.pulse.surveys.SurveyStateException;
import dev.pulse.surveys.definition.SurveyService;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The quality team's survey pages, server-rendered and usable without JavaScript: the list with response counts,
 * and one form to create or edit a survey (editing an active survey makes a new version, as in the API). A refused
 * form comes back as a 400 page with each problem next to its field.
 */
@Controller
@PreAuthorize("hasAnyRole('QUALITY', 'ADMIN')")
class SurveyPages {

    /** How many empty question slots "more questions" adds, and an edited survey shows. */
    static final int MORE_SLOTS = 3;

    private final SurveyService surveys;
    private final List<String> regions;
    private final ZoneId zone;
    private final AuditLog audit;

    SurveyPages(SurveyService surveys, PulseSettings pulse, AuditLog audit) {
        this.surveys = surveys;
        this.regions = List.copyOf(pulse.regions());
        this.zone = pulse.timezone();
        this.audit = audit;
    }

    /** The header's active link, and times in the company's time zone. */
    @ModelAttribute
    void page(Model model) {
        model.addAttribute("section", "surveys");
        model.addAttribute("zone", zone);
    }

    @GetMapping("/surveys")
    String list(Model model) {
        model.addAttribute("surveys", surveys.list());
        model.addAttribute("responses", surveys.responseCountsBySurvey());
        return "surveys/admin/list";
    }

    @GetMapping("/surveys/new")
    String create(Model model) {
        return form(model, null, SurveyForm.empty(), List.of());
    }

    @PostMapping("/surveys")
    String create(
            @RequestParam MultiValueMap<String, String> fields,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        return save(
                null,
                fields,
                model,
                response,
                definition -> audited(caller, AuditAction.SURVEY_CREATE, surveys.create(definition, caller.name())));
    }

    @GetMapping("/surveys/{id}")
    String edit(@PathVariable String id, Model model, HttpServletResponse response) {
        return guarded(model, response, () -> {
            Survey survey = require(id);
            return form(model, survey, SurveyForm.of(survey.definition()).withMoreSlots(MORE_SLOTS), List.of());
        });
    }

    @PostMapping("/surveys/{id}")
    String edit(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> fields,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        return guarded(model, response, () -> {
            Survey survey = require(id);
            String expected = fields.getFirst("version");
            if (expected != null && !expected.equals(String.valueOf(survey.version()))) {
                response.setStatus(HttpStatus.CONFLICT.value());
                return form(
                        model,
                        survey,
                        safely(() -> SurveyForm.read(fields)),
                        List.of(new FieldError(
                                "version",
                                "the survey was changed by someone else (now version " + survey.version()
                                        + "); reload it")));
            }
            return save(
                    survey,
                    fields,
                    model,
                    response,
                    definition ->
                            audited(caller, AuditAction.SURVEY_UPDATE, surveys.edit(id, definition, caller.name())));
        });
    }

    @PostMapping("/surveys/{id}/activate")
    String activate(
            @PathVariable String id,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        return guarded(
                model,
                response,
                () -> "redirect:/surveys/"
                        + audited(caller, AuditAction.SURVEY_ACTIVATE, surveys.activate(id, caller.name()))
                                .id());
    }

    @PostMapping("/surveys/{id}/close")
    String close(
            @PathVariable String id,
            @AuthenticationPrincipal Caller caller,
            Model model,
            HttpServletResponse response) {
        return guarded(
                model,
                response,
                () -> "redirect:/surveys/"
                        + audited(caller, AuditAction.SURVEY_CLOSE, surveys.close(id, caller.name()))
                                .id());
    }

    /**
     * Answers a refused step with a page of its own: caught here rather than in an exception handler, whose model
     * would lack the header's viewer.
     */
    private static String guarded(Model model, HttpServletResponse response, Supplier<String> page) {
        try {
            return page.get();
        } catch (SurveyNotFoundException e) {
            return message(model, response, HttpStatus.NOT_FOUND, "surveys.notFound", e.getMessage());
        } catch (SurveyStateException e) {
            return message(model, response, HttpStatus.CONFLICT, "surveys.conflict", e.getMessage());
        }
    }

    private static String message(
            Model model, HttpServletResponse response, HttpStatus status, String key, String detail) {
        response.setStatus(status.value());
        model.addAttribute("messageKey", key);
        model.addAttribute("detail", detail);
        return "surveys/admin/message";
    }

    /** Saves the posted form, or shows it again: with more slots when asked, with the problems when refused. */
    /** Records a change of {@code survey} by {@code caller} and answers the survey. */
    private Survey audited(Caller caller, AuditAction action, Survey survey) {
        audit.record(AuditEvent.of(caller, action, survey.id())
                .with("version", survey.version())
                .with("status", survey.status()));
        return survey;
    }

    private String save(
            Survey survey,
            MultiValueMap<String, String> fields,
            Model model,
            HttpServletResponse response,
            Function<SurveyDefinition, Survey> store) {
        SurveyForm form;
        SurveyDefinition definition;
        try {
            form = SurveyForm.read(fields);
            if (fields.containsKey("more")) {
                return form(model, survey, form.withMoreSlots(MORE_SLOTS), List.of());
            }
            definition = form.definition();
        } catch (InvalidFieldException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, survey, safely(() -> SurveyForm.read(fields)), e.errors());
        }
        try {
            return "redirect:/surveys/" + store.apply(definition).id();
        } catch (InvalidFieldException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, survey, form, form.inForm(e.errors()));
        }
    }

    private String form(Model model, Survey survey, SurveyForm form, List<FieldError> problems) {
        model.addAttribute("survey", survey);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("errors", SurveyForm.byField(problems));
        model.addAttribute("types", QuestionType.values());
        model.addAttribute("regions", regions);
        model.addAttribute("responses", survey == null ? Map.of() : surveys.responseCounts(survey.id()));
        return "surveys/admin/form";
    }

    /** The form as posted, or an empty one when the post itself is unreadable (too many question slots). */
    private static SurveyForm safely(Supplier<SurveyForm> read) {
        try {
            return read.get();
        } catch (InvalidFieldException e) {
            return SurveyForm.empty();
        }
    }

    private Survey require(String id) {
        return surveys.find(id).orElseThrow(() -> new SurveyNotFoundException(id));
    }
}
