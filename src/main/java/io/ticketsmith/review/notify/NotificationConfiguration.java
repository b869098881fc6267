package io.ticketsmith.review.notify;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.observability.TicketsmithMetrics;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.client.RestClient;

/**
 * The review notifier. It exists also when notifications are off (the model's task listener and the escalation
 * use it), then doing nothing. E-mail configured for a group without an SMTP server stops start-up, rather than
 * failing every notification later.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    ReviewNotifier reviewNotifier(NotificationProperties properties, ObjectProvider<JavaMailSender> mailSender,
            IdentityService identityService, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, ObjectMapper json, TicketsmithMetrics metrics) {
        MailChannel mail = null;
        if (properties.sendsMail()) {
            JavaMailSender sender = mailSender.getIfAvailable();
            if (sender == null) {
                throw new IllegalStateException("ticketsmith.notifications.groups sends e-mail, but no SMTP server "
                        + "is configured: set spring.mail.host (SPRING_MAIL_HOST)");
            }
            mail = new MailChannel(sender, properties.mail());
        }
        if (properties.enabled()) {
            log.info("Review notifications on: {}", properties.groups());
        }
        return new ReviewNotifier(properties, mail,
                new WebhookChannel(restClientBuilder, requestFactoryBuilder, properties.webhook(), json),
                new CamundaGroupMembers(identityService),
                new Deliveries(properties.retryDelays(), properties.threads(), properties.queueCapacity(), metrics));
    }
}
