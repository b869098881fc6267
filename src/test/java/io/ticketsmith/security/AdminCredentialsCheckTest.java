package io.ticketsmith.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class AdminCredentialsCheckTest {

    @Configuration
    @EnableConfigurationProperties(SecurityProperties.class)
    @Import(AdminCredentialsCheck.class)
    static class CheckOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(CheckOnly.class);

    @Test
    void startUpFailsNamingTheMissingVariablesWhenNoAdminIsConfigured() {
        runner.run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause()
                .hasMessageContaining("CAMUNDA_BPM_ADMIN_USER_ID")
                .hasMessageContaining("CAMUNDA_BPM_ADMIN_USER_PASSWORD"));
    }

    @Test
    void startUpFailsWhenOnlyThePasswordIsMissing() {
        runner.withPropertyValues("camunda.bpm.admin-user.id=root")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().rootCause()
                        .hasMessageContaining("missing: CAMUNDA_BPM_ADMIN_USER_PASSWORD"));
    }

    @Test
    void startsWhenTheAdminComesFromTheEnvironment() {
        runner.withPropertyValues("camunda.bpm.admin-user.id=root", "camunda.bpm.admin-user.password=s3cret")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AdminCredentialsCheck.class));
    }
}
