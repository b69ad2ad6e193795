package dev.pulse.surveys.invitation;

import dev.pulse.kernel.mail.PlainTextMail;
import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.SurveyTexts;
import java.util.List;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends the invitation mail: plain UTF-8 text, so nothing a survey author wrote can become markup
 * in a mail reader, with the personal link on a line of its own.
 */
class InvitationMailer {

    private final PlainTextMail mail;

    InvitationMailer(JavaMailSender sender, String from) {
        this.mail = new PlainTextMail(sender, from);
    }

    void send(String to, String language, SurveyDefinition survey, String link) {
        send(to, language, survey, link, false);
    }

    /** The invitation mail, or with {@code reminder} the one reminder, which says so first. */
    void send(String to, String language, SurveyDefinition survey, String link, boolean reminder) {
        String title = survey.title().in(language);
        StringBuilder body = new StringBuilder()
                .append(SurveyTexts.format(language, "mail.greeting"))
                .append("\n\n");
        if (reminder) {
            body.append(SurveyTexts.format(language, "mail.reminder")).append("\n\n");
        }
        body.append(SurveyTexts.format(language, "mail.invite", title)).append("\n\n");
        if (survey.intro() != null) {
            body.append(survey.intro().in(language)).append("\n\n");
        }
        body.append(SurveyTexts.format(language, "mail.link"))
                .append("\n")
                .append(link)
                .append("\n\n")
                .append(SurveyTexts.format(language, "mail.personal"))
                .append("\n");
        mail.send(List.of(to), title, body.toString());
    }
}
