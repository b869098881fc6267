package io.ticketsmith.reply.delivery;

import io.ticketsmith.jira.JiraGateway;
import io.ticketsmith.jira.ReplyDelivery;

import org.springframework.mail.javamail.JavaMailSender;

/** The reply delivery as the application builds it, for tests outside this package. */
public final class TestReplyDeliveries {

    private TestReplyDeliveries() {
    }

    /**
     * @param jiraVisibility {@code internal} or {@code public}
     * @param mailSender     null for an application without an SMTP server
     */
    public static ReplyDelivery of(JiraGateway jira, String jiraVisibility, JavaMailSender mailSender, String from) {
        ReplyDeliveryProperties.JiraVisibility visibility =
                ReplyDeliveryProperties.JiraVisibility.valueOf(jiraVisibility.toUpperCase(java.util.Locale.ROOT));
        return new ReplyDeliveries(new ReplyChannels(), new JiraReplyDelivery(jira, visibility),
                new MailReplyDelivery(mailSender, new ReplyDeliveryProperties.Mail(from, null)));
    }
}
