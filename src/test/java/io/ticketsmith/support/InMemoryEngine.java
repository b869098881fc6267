package io.ticketsmith.support;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.models.ModelDeployer;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;

/** A standalone engine on its own in-memory H2 database, with full history and no job executor. */
public final class InMemoryEngine {

    private InMemoryEngine() {
    }

    public static ProcessEngine start(String name) {
        return ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                .setProcessEngineName(name)
                .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false)
                .buildProcessEngine();
    }

    /** Deploys a file from the model folders the way the application does. */
    public static void deploy(ProcessEngine engine, Path modelFile) {
        new ModelDeployer(engine.getRepositoryService(), new ObjectMapper()).deploy(modelFile);
    }
}
