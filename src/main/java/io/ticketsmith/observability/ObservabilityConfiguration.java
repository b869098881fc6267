package io.ticketsmith.observability;

import java.time.Clock;
import java.time.Duration;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    EngineMetrics engineMetrics(ProcessEngine processEngine,
                                @Value("${ticketsmith.metrics.engine-refresh:10s}") Duration refresh) {
        return new EngineMetrics(processEngine, refresh, Clock.systemUTC());
    }
}
