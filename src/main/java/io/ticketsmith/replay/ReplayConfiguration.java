package io.ticketsmith.replay;

import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.models.ModelPolicy;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ReplayConfiguration {

    @Bean
    StandaloneDecisions standaloneDecisions(ProcessEngine engine, ListableBeanFactory beans, ObjectMapper objectMapper) {
        // A guardrails table holds no delegates, so the policy needs none to check one.
        return new StandaloneDecisions(new ModelPolicy(Set::of, beans::containsBean, objectMapper),
                configuration(engine).getDmnEngineConfiguration());
    }

    @Bean
    DecisionReplay decisionReplay(ProcessEngine engine, ObjectMapper objectMapper, ReplayProperties properties) {
        return new DecisionReplay(new EngineRecordedDecisions(configuration(engine), objectMapper,
                properties.pageSize()), properties.maxIdsPerChange());
    }

    private static ProcessEngineConfigurationImpl configuration(ProcessEngine engine) {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }
}
