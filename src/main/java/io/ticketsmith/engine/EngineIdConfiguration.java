package io.ticketsmith.engine;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EngineIdConfiguration {

    /**
     * The engine's ids ({@link CompactIdGenerator}), after the migrations have created the sequence they come from.
     * {@code ticketsmith.engine.compact-ids=false} leaves the engine with the starter's UUIDs.
     */
    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnProperty(name = "ticketsmith.engine.compact-ids", havingValue = "true", matchIfMissing = true)
    IdGenerator compactIdGenerator(DataSource dataSource) {
        return CompactIdGenerator.forNewSpace(dataSource);
    }
}
