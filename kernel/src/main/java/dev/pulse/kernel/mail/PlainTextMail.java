package dev.pulse.kernel.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The one way Pulse builds a mail: plain UTF-8 text (subject too, so Chinese survives every hop),
 * never HTML, so nothing a customer or author wrote can become markup in a mail reader. SMTP errors
 * surface as Spring's {@code MailException}.
 */
public final class PlainTextMail {

    private final JavaMailSender sender;
    private final String from;

    /**
     * @param sender the SMTP connection
     * @param from the sender address of every mail
     */
    public PlainTextMail(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    /** Sends one plain-text mail to every address of {@code to}. */
    public void send(List<String> to, String subject, String body) {
        send(to, subject, body, Map.of());
    }

    /**
     * Sends one plain-text mail with extra headers and files attached.
     *
     * @param headers e.g. an id that traces the mail back to its row; never a secret
     */
    public void send(
            List<String> to, String subject, String body, Map<String, String> headers, Attachment... attachments) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper =
                    new MimeMessageHelper(message, attachments.length > 0, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to.toArray(String[]::new));
            helper.setSubject(subject);
            helper.setText(body, false);
            for (Attachment attachment : attachments) {
                helper.addAttachment(
                        attachment.name(), new FileSystemResource(attachment.path()), attachment.mediaType());
            }
            for (Map.Entry<String, String> header : headers.entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot build the mail '" + subject + "'", e);
        }
        sender.send(message);
    }

    /**
     * A file sent with a mail.
     *
     * @param name the file name the reader sees
     * @param path where the file is
     * @param mediaType e.g. {@code application/pdf}
     */
    public record Attachment(String name, Path path, String mediaType) {}
}
