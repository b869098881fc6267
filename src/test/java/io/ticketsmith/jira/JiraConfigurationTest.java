package io.ticketsmith.jira;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;

/** Which gateway the properties choose, and start-up refusing a Jira without its credential. */
@ExtendWith(OutputCaptureExtension.class)
class JiraConfigurationTest {

    @Configuration
    @EnableConfigurationProperties(JiraProperties.class)
    @Import(JiraConfiguration.class)
    static class JiraOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(JiraOnly.class)
            .withBean(RestClient.Builder.class, RestClient::builder)
            .withBean(ClientHttpRequestFactoryBuilder.class, () -> ClientHttpRequestFactoryBuilder.jdk()
                    .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1)))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void withoutBaseUrlTheDryRunGatewayIsUsedAndSaysSo(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasNotFailed().getBean(JiraGateway.class).isInstanceOf(DryRunJiraGateway.class);
            assertThat(output).contains("No Jira is configured");
        });
    }

    @Test
    void cloudBaseUrlWithEmailAndTokenSelectsTheCloudAdapterAndLogsIt(CapturedOutput output) {
        runner.withPropertyValues("ticketsmith.jira.base-url=https://acme.atlassian.net/",
                        "ticketsmith.jira.username=" + JiraFixtures.EMAIL, "ticketsmith.jira.api-token=" + JiraFixtures.TOKEN)
                .run(context -> {
                    assertThat(context).hasNotFailed().getBean(JiraGateway.class).isInstanceOf(CloudJiraGateway.class)
                            .extracting(JiraGateway::name).isEqualTo("cloud https://acme.atlassian.net");
                    assertThat(output).contains("Jira: cloud at https://acme.atlassian.net")
                            .doesNotContain(JiraFixtures.TOKEN);
                });
    }

    @Test
    void dataCenterNeedsOnlyItsToken() {
        runner.withPropertyValues("ticketsmith.jira.base-url=https://jira.acme.internal",
                        "ticketsmith.jira.flavor=datacenter", "ticketsmith.jira.api-token=" + JiraFixtures.TOKEN)
                .run(context -> assertThat(context).hasNotFailed().getBean(JiraGateway.class)
                        .isInstanceOf(DataCenterJiraGateway.class));
    }

    @Test
    void missingTokenStopsStartUpNamingTheVariable() {
        runner.withPropertyValues("ticketsmith.jira.base-url=https://jira.acme.internal",
                        "ticketsmith.jira.flavor=datacenter")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("TICKETSMITH_JIRA_API_TOKEN"));
    }

    @Test
    void missingCloudUsernameStopsStartUpNamingTheVariable() {
        runner.withPropertyValues("ticketsmith.jira.base-url=https://acme.atlassian.net",
                        "ticketsmith.jira.api-token=" + JiraFixtures.TOKEN)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("TICKETSMITH_JIRA_USERNAME")
                        .hasMessageNotContaining(JiraFixtures.TOKEN));
    }

    @Test
    void baseUrlWithCredentialsInItStopsStartUpWithoutPrintingThem() {
        runner.withPropertyValues("ticketsmith.jira.base-url=https://bot:hunter22@jira.acme.internal",
                        "ticketsmith.jira.flavor=datacenter", "ticketsmith.jira.api-token=" + JiraFixtures.TOKEN)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must not contain credentials").hasMessageNotContaining("hunter22"));
    }
}
