package dev.pulse.reporting.schedule;

import dev.pulse.kernel.mail.PlainTextMail;
import dev.pulse.reporting.ReportFile;
import dev.pulse.reporting.ReportPeriod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The one facade over SMTP for report mails: subject and body in the schedule's language, the file
 * attached, a link to the region's dashboard, and the delivery id in the {@code X-Pulse-Delivery}
 * header so a mail can be traced back to its delivery row.
 */
final class DeliveryMailer {

    private final PlainTextMail mail;
    private final String dashboardUrl;

    DeliveryMailer(JavaMailSender mail, String from, String dashboardUrl) {
        this.mail = new PlainTextMail(mail, from);
        this.dashboardUrl = dashboardUrl;
    }

    /** Sends one region's report; SMTP errors surface as Spring's {@code MailException}. */
    void send(
            String deliveryId,
            List<String> recipients,
            String region,
            ReportPeriod period,
            ReportFile file,
            String language) {
        String link = dashboardUrl + "/dashboards?region=" + URLEncoder.encode(region, StandardCharsets.UTF_8);
        boolean english = "en".equals(language);
        String subject = english
                ? "Pulse regional report | " + region + " | " + period.from() + " to " + period.lastDay()
                : "Pulse 区域经营报告｜" + region + "｜" + period.label();
        String body = english
                ? "Hello,\n\nattached is the regional performance report of " + region + " for " + period.from()
                        + " to " + period.lastDay() + " (PDF).\nThe region's dashboard: " + link + "\n\nDelivery "
                        + deliveryId + "\n-- Pulse\n"
                : "您好：\n\n附件是" + region + "区域 " + period.label() + " 的区域经营报告（PDF）。\n在线查看该区域的仪表板：" + link + "\n\n投递编号："
                        + deliveryId + "\n—— Pulse\n";
        mail.send(
                recipients,
                subject,
                body,
                Map.of("X-Pulse-Delivery", deliveryId),
                new PlainTextMail.Attachment(file.name(), file.path(), file.mediaType()));
    }
}
