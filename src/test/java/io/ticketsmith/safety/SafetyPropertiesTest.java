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

    @EnableConfigurationProperties(SafetyProperties.class)
    static class Enabled {
    }
}
