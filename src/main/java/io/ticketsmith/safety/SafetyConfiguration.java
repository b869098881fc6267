package io.ticketsmith.safety;

import java.util.Set;

import io.ticketsmith.engine.CompactHistoryEventHandler;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SafetyConfiguration {

    /** Variables whose history is redacted before it is written. */
    static final Set<String> REDACTED_VARIABLES = Set.of("requestText");
    /** The variable naming who reported a request, replaced whole before its history is written. */
    static final String REPORTER_VARIABLE = "reporter";

    @Bean
    AbstractProcessEnginePlugin redactingHistoryPlugin(PiiRedactor redactor) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setHistoryEventHandler(
                        new RedactingHistoryEventHandler(new CompactHistoryEventHandler(), redactor, REDACTED_VARIABLES,
                                REPORTER_VARIABLE));
            }
        };
    }
}
