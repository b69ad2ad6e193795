package dev.pulse.surveys.cases;

import dev.pulse.kernel.mail.PlainTextMail;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Mails about cases, in Chinese with English below: plain UTF-8 text, so the customer's comment
 * can never become markup in a mail reader.
 */
class CaseMailer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PlainTextMail mail;
    private final ZoneId zone;

    CaseMailer(JavaMailSender sender, String from, ZoneId zone) {
        this.mail = new PlainTextMail(sender, from);
        this.zone = zone;
    }

    /** Tells the owner a case is theirs. */
    void assigned(String to, FollowUpCase c) {
        mail.send(
                List.of(to),
                "待跟进客户回访 / Follow-up case " + c.region(),
                "您有一个新的客户回访任务，请在截止时间前联系客户。\nA follow-up case is assigned to you; please contact the customer before it is due.\n\n"
                        + details(c));
    }

    /** Tells the quality team a case is overdue. */
    void escalated(List<String> to, FollowUpCase c) {
        mail.send(
                to,
                "回访已逾期 / Follow-up case overdue " + c.region(),
                "以下客户回访已超过截止时间仍未联系客户。\nThis follow-up case is past its due time and the customer has not been contacted.\n\n"
                        + details(c));
    }

    private String details(FollowUpCase c) {
        return "编号 / Case: " + c.id() + "\n"
                + "区域 / Region: " + c.region() + "\n"
                + "客户 / Customer: " + (c.customerId() == null ? "匿名 / anonymous" : c.customerId()) + "\n"
                + "NPS: " + (c.npsScore() == null ? "-" : c.npsScore()) + "  CSAT: "
                + (c.csatScore() == null ? "-" : c.csatScore()) + "\n"
                + "负责人 / Owner: " + (c.owner() == null ? "-" : c.owner()) + "\n"
                + "截止 / Due: " + TIME.format(c.dueAt().atZone(zone)) + " (" + zone + ")\n"
                + "评论 / Comment:\n" + (c.comment() == null ? "-" : c.comment()) + "\n";
    }
}
