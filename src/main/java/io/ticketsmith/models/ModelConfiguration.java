package io.ticketsmith.models;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.RepositoryService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

    @Bean
    ModelDeployer modelDeployer(RepositoryService repositoryService, ObjectMapper objectMapper, DataSource dataSource) {
        return new ModelDeployer(repositoryService, objectMapper, dataSource);
    }

    @Bean
    ModelFolderWatcher modelFolderWatcher(ModelDeployer deployer, ModelProperties properties) {
        return new ModelFolderWatcher(deployer, properties);
    }
}
