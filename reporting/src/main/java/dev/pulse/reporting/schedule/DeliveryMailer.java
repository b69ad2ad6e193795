package dev.pulse.reporting.schedule;

import dev.pulse.reporting.ReportFile;
import dev.pulse.reporting.ReportPeriod;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The one facade over SMTP for report mails: subject and body in the schedule's language, the file
 * attached, a link to the region's dashboard, and the delivery id in the {@code X-Pulse-Delivery}
 * header so a mail can be traced back to its delivery row.
 */
final class DeliveryMailer {

    private final JavaMailSender mail;
    private final String from;
    private final String dashboardUrl;

    DeliveryMailer(JavaMailSender mail, String from, String dashboardUrl) {
        this.mail = mail;
        this.from = from;
        this.dashboardUrl = dashboardUrl;
    }

    /** Sends one region's report; SMTP errors surface as Spring's {@code MailException}. */
    void send(String deliveryId, List<String> recipients, String region, ReportPeriod period, ReportFile file, String language) {
        String link = dashboardUrl + "/dashboards?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8);
        boolean english = "en".equals(language);
        String subject = english
                ? "Pulse regional report | " + region + " | " + period.from() + " to " + period.lastDay()
                : "Pulse 区域经营报告｜" + region + "｜" + period.label();
        String body = english
                ? "Hello,\n\nattached is the regional performance report of " + region + " for " + period.from() + " to "
                        + period.lastDay() + " (PDF).\nThe region's dashboard: " + link + "\n\nDelivery " + deliveryId + "\n-- Pulse\n"
                : "您好：\n\n附件是" + region + "区域 " + period.label() + " 的区域经营报告（PDF）。\n在线查看该区域的仪表板：" + link
                        + "\n\n投递编号：" + deliveryId + "\n—— Pulse\n";
        MimeMessage message = mail.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(recipients.toArray(String[]::new));
            helper.setSubject(subject);
            helper.setText(body, false);
            helper.addAttachment(file.name(), new FileSystemResource(file.path()), file.mediaType());
            message.setHeader("X-Pulse-Delivery", deliveryId);
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot build the mail of delivery " + deliveryId, e);
        }
        mail.send(message);
    }
}
