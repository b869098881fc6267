package io.ticketsmith.reply.delivery;

import io.ticketsmith.jira.JiraGateway;
import io.ticketsmith.jira.ReplyDelivery;
import io.ticketsmith.jira.ZendeskTickets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * How approved replies go out. Without an SMTP server ({@code spring.mail.host}) the application still starts, as
 * Jira replies need none; a reply that would be e-mailed then goes back to review saying so.
 */
@Configuration(proxyBeanMethods = false)
class ReplyDeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReplyDeliveryConfiguration.class);

    @Bean
    ReplyDelivery replyDelivery(ReplyDeliveryProperties properties, JiraGateway jira,
            ObjectProvider<JavaMailSender> mailSender, ObjectProvider<ZendeskTickets> zendeskTickets) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("No SMTP server is configured (spring.mail.host): replies that would be e-mailed go back to review");
        } else if (!properties.mail().hasSender()) {
            log.warn("ticketsmith.reply.mail.from is not set: replies that would be e-mailed go back to review");
        }
        log.info("Replies on Jira issues are {} comments", properties.jiraVisibility().name().toLowerCase(java.util.Locale.ROOT));
        ZendeskTickets zendesk = zendeskTickets.getIfAvailable();
        return new ReplyDeliveries(new ReplyChannels(zendesk != null),
                new JiraReplyDelivery(jira, properties.jiraVisibility()), new MailReplyDelivery(sender, properties.mail()),
                zendesk == null ? null : new ZendeskReplyDelivery(zendesk));
    }
}
