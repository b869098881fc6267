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
        deployer(engine).deploy(modelFile);
    }

    /** The application's deployer on this engine's database. */
    public static ModelDeployer deployer(ProcessEngine engine) {
        return new ModelDeployer(engine.getRepositoryService(), new ObjectMapper(),
                ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                        .getDataSource());
    }
}
