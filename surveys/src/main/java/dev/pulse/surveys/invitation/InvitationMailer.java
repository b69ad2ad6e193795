package dev.pulse.surveys.invitation;

import dev.pulse.surveys.SurveyDefinition;
import dev.pulse.surveys.SurveyTexts;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends the invitation mail: plain UTF-8 text, so nothing a survey author wrote can become markup
 * in a mail reader, with the personal link on a line of its own.
 */
class InvitationMailer {

    private final JavaMailSender sender;
    private final String from;

    InvitationMailer(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    void send(String to, String language, SurveyDefinition survey, String link) {
        send(to, language, survey, link, false);
    }

    /** The invitation mail, or with {@code reminder} the one reminder, which says so first. */
    void send(String to, String language, SurveyDefinition survey, String link, boolean reminder) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            String title = survey.title().in(language);
            helper.setSubject(title);
            StringBuilder body = new StringBuilder()
                    .append(SurveyTexts.format(language, "mail.greeting")).append("\n\n");
            if (reminder) {
                body.append(SurveyTexts.format(language, "mail.reminder")).append("\n\n");
            }
            body
                    .append(SurveyTexts.format(language, "mail.invite", title)).append("\n\n");
            if (survey.intro() != null) {
                body.append(survey.intro().in(language)).append("\n\n");
            }
            body.append(SurveyTexts.format(language, "mail.link")).append("\n")
                    .append(link).append("\n\n")
                    .append(SurveyTexts.format(language, "mail.personal")).append("\n");
            helper.setText(body.toString(), false);
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        sender.send(message);
    }
}
