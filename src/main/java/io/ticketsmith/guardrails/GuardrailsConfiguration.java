package io.ticketsmith.guardrails;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GuardrailsConfiguration {

    @Bean
    AbstractProcessEnginePlugin decisionAuditPlugin(ObjectMapper objectMapper) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                        ? configuration.getDmnEngineConfiguration()
                        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
                List<DmnDecisionEvaluationListener> listeners = new ArrayList<>();
                if (dmn.getCustomPostDecisionEvaluationListeners() != null) {
                    listeners.addAll(dmn.getCustomPostDecisionEvaluationListeners());
                }
                listeners.add(new DecisionAuditListener(objectMapper));
                dmn.setCustomPostDecisionEvaluationListeners(listeners);
                configuration.setDmnEngineConfiguration(dmn);
            }
        };
    }
}
