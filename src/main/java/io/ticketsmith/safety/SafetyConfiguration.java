package io.ticketsmith.safety;

import java.util.Set;

import io.ticketsmith.engine.CompactHistoryEventHandler;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SafetyConfiguration {

    /** Variables whose history is redacted before it is written. */
    static final Set<String> REDACTED_VARIABLES = Set.of("requestText");
    /** The variable naming who reported a request, replaced whole before its history is written. */
    static final String REPORTER_VARIABLE = "reporter";

    /**
     * @param compact {@code ticketsmith.history.compact}: leave out the history rows nobody reads
     *                ({@link CompactHistoryEventHandler}); false writes history as the engine's level FULL does
     */
    @Bean
    AbstractProcessEnginePlugin redactingHistoryPlugin(PiiRedactor redactor,
            @org.springframework.beans.factory.annotation.Value("${ticketsmith.history.compact:true}")
            boolean compact) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                HistoryEventHandler written = compact ? new CompactHistoryEventHandler() : new DbHistoryEventHandler();
                configuration.setHistoryEventHandler(new RedactingHistoryEventHandler(written, redactor,
                        REDACTED_VARIABLES, REPORTER_VARIABLE));
            }
        };
    }
}
