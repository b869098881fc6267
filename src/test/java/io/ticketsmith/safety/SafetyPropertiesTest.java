package io.ticketsmith.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SafetyPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Enabled.class);

    @Test
    void emptyEnvironmentValueMeansNoRestrictionNotAnEmptyProjectName() {
        // What ${TICKETSMITH_SAFETY_ALLOWED_PROJECTS:} gives when the variable is not set.
        context.withPropertyValues("ticketsmith.safety.allowed-projects=").run(started ->
                assertThat(started.getBean(SafetyProperties.class).allowedProjects()).isEmpty());
    }

    @Test
    void commaSeparatedProjectsAreAList() {
        context.withPropertyValues("ticketsmith.safety.allowed-projects=WEB,OPS").run(started ->
                assertThat(started.getBean(SafetyProperties.class).allowedProjects()).containsExactly("WEB", "OPS"));
    }

    @Test
    void fallbackProjectIsOpsUnlessConfigured() {
        context.withPropertyValues("ticketsmith.safety.allowed-projects=WEB,OPS").run(started ->
                assertThat(started.getBean(SafetyProperties.class).fallbackProject()).isEqualTo("OPS"));
        context.withPropertyValues("ticketsmith.safety.allowed-projects=WEB,SUP", "ticketsmith.safety.fallback-project=SUP")
                .run(started -> assertThat(started.getBean(SafetyProperties.class).fallbackProject()).isEqualTo("SUP"));
    }

    @Test
    void startUpFailsWhenTheFallbackProjectIsNotAnAllowedProject() {
        context.withPropertyValues("ticketsmith.safety.allowed-projects=WEB,SUP").run(started ->
                assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ticketsmith.safety.fallback-project OPS")
                        .hasMessageContaining("ticketsmith.safety.allowed-projects (WEB, SUP)"));
    }

    @Test
    void anyFallbackProjectWillDoWhenEveryProjectIsAllowed() {
        context.withPropertyValues("ticketsmith.safety.allowed-projects=", "ticketsmith.safety.fallback-project=SUP")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @EnableConfigurationProperties(SafetyProperties.class)
    static class Enabled {
    }
}
