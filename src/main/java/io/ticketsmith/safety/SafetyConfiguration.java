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

    /**
     * @param everyJsonUpdate {@code ticketsmith.history.every-json-update}: keep a copy of each JSON variable at every
     *                        update in {@code ACT_HI_DETAIL}, as the engine's history level FULL does, instead of only
     *                        its final value ({@link CompactHistoryEventHandler})
     */
    @Bean
    AbstractProcessEnginePlugin redactingHistoryPlugin(PiiRedactor redactor,
            @org.springframework.beans.factory.annotation.Value("${ticketsmith.history.every-json-update:false}")
            boolean everyJsonUpdate) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setHistoryEventHandler(new RedactingHistoryEventHandler(everyJsonUpdate
                        ? new org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler()
                        : new CompactHistoryEventHandler(), redactor, REDACTED_VARIABLES, REPORTER_VARIABLE));
            }
        };
    }
}
