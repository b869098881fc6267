package io.ticketsmith.review.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Binding of {@code ticketsmith.notifications.*}, from the environment variables the README names. */
class NotificationPropertiesTest {

    private static final String SLACK = "https://hooks.slack.example/services/T0001/B0001/s3cr3t";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotificationProperties.class)
    static class Binding {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void withoutConfigurationNotificationsAreOffWithTheDocumentedDefaults() {
        runner.run(context -> {
            NotificationProperties properties = context.getBean(NotificationProperties.class);
            assertThat(properties.enabled()).isFalse();
            assertThat(properties.sendsMail()).isFalse();
            assertThat(properties.tasklistBaseUrl()).isEqualTo(URI.create("http://localhost:8080"));
            assertThat(properties.retryDelays())
                    .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
            assertThat(properties.groups()).isEmpty();
        });
    }

    @Test
    void groupsAreConfiguredFromEnvironmentVariables() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("TICKETSMITH_NOTIFICATIONS_ENABLED", "true",
                                        "TICKETSMITH_NOTIFICATIONS_MAIL_FROM", "ticketsmith@example.com",
                                        "TICKETSMITH_NOTIFICATIONS_GROUPS_REVIEWERS_MAIL", "true",
                                        "TICKETSMITH_NOTIFICATIONS_GROUPS_REVIEWERS_WEBHOOK_URL", SLACK,
                                        "TICKETSMITH_NOTIFICATIONS_GROUPS_LEADS_MAIL_TO", "leads@example.com,oncall@example.com",
                                        "TICKETSMITH_NOTIFICATIONS_GROUPS_LEADS_WEBHOOK_URL", "https://acme.webhook.office.example/x",
                                        "TICKETSMITH_NOTIFICATIONS_GROUPS_LEADS_WEBHOOK_FORMAT", "teams"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    NotificationProperties properties = context.getBean(NotificationProperties.class);
                    assertThat(properties.enabled()).isTrue();
                    NotificationProperties.Group reviewers = properties.groups().get("reviewers");
                    assertThat(reviewers.mail()).isTrue();
                    assertThat(reviewers.webhookUrl()).isEqualTo(URI.create(SLACK));
                    assertThat(reviewers.webhookFormat()).isEqualTo(NotificationProperties.WebhookFormat.SLACK);
                    NotificationProperties.Group leads = properties.groups().get("leads");
                    assertThat(leads.mail()).isFalse();
                    assertThat(leads.mailTo()).containsExactly("leads@example.com", "oncall@example.com");
                    assertThat(leads.webhookFormat()).isEqualTo(NotificationProperties.WebhookFormat.TEAMS);
                });
    }

    @Test
    void printedPropertiesShowTheWebhookHostButNotItsSecretPath() {
        NotificationProperties.Group group = new NotificationProperties.Group(true, List.of("team@example.com"),
                URI.create(SLACK), NotificationProperties.WebhookFormat.SLACK);

        assertThat(group.toString()).contains("hooks.slack.example").doesNotContain("s3cr3t")
                .doesNotContain("team@example.com");
    }

    @Test
    void emailToAGroupWithoutSenderAddressStopsStartUp() {
        runner.withPropertyValues("ticketsmith.notifications.enabled=true",
                        "ticketsmith.notifications.groups.reviewers.mail=true")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("mail.from must be set when a group is notified by e-mail"));
    }

    @Test
    void webhookUrlThatIsNotHttpStopsStartUp() {
        runner.withPropertyValues("ticketsmith.notifications.groups.reviewers.webhook-url=hooks.slack.example/services/x")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("webhook-url must be an absolute http(s) URL")
                        .hasMessageNotContaining("services/x"));
    }

    @Test
    void invalidAddressInMailToStopsStartUp() {
        runner.withPropertyValues("ticketsmith.notifications.groups.leads.mail-to=leads at example")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("groups[leads].mailTo"));
    }
}
