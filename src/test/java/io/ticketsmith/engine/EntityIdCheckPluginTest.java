package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EntityIdCheckPluginTest {

    private static ProcessEngine engine;
    private static ProcessEngineConfigurationImpl configuration;

    @BeforeAll
    static void startEngine() {
        configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setProcessEngineName("entity-id-check-plugin-test")
                .setJdbcUrl("jdbc:h2:mem:entity-id-check-plugin-test;DB_CLOSE_DELAY=-1")
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false);
        configuration.getProcessEnginePlugins().add(new EntityIdCheckPlugin());
        engine = configuration.buildProcessEngine();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void aRowIsInsertedWithoutPrintingItsEntity() {
        PrintCountingEntity row = new PrintCountingEntity("row-1");

        // The command fails after the insert, so nothing is flushed: only the engine's check of the id runs.
        assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
            context.getDbEntityManager().insert(row);
            throw new NothingToFlush();
        })).isInstanceOf(NothingToFlush.class);

        assertThat(row.printed).isZero();
    }

    @Test
    void anIdTheEngineReservesIsRefusedWithTheEnginesMessage() {
        PrintCountingEntity row = new PrintCountingEntity("*");

        assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
            context.getDbEntityManager().insert(row);
            return null;
        })).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Entity a row has an invalid id")
                .hasMessageContaining("* is a reserved identifier");
        assertThat(row.printed).isEqualTo(1);
    }

    @Test
    void aProcessStoresItsVariablesAndTheirHistoryThroughTheCheckingManager() {
        engine.getRepositoryService().createDeployment()
                .addModelInstance("wait.bpmn", Bpmn.createExecutableProcess("wait").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Wait").endEvent().done())
                .deploy();

        String id = engine.getRuntimeService()
                .startProcessInstanceByKey("wait", Map.of("category", "bug", "summary", "Login page gives a 500"))
                .getId();

        DbEntityManager manager = configuration.getCommandExecutorTxRequired()
                .execute(context -> context.getDbEntityManager());
        assertThat(manager).isInstanceOf(EntityIdCheckPlugin.IdCheckingEntityManager.class);
        assertThat(engine.getRuntimeService().getVariables(id))
                .containsEntry("category", "bug").containsEntry("summary", "Login page gives a 500");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id).count())
                .isEqualTo(2);
    }

    private static final class NothingToFlush extends RuntimeException {
    }

    /** An entity that counts how often it is printed. */
    private static final class PrintCountingEntity implements DbEntity {

        private String id;
        private int printed;

        PrintCountingEntity(String id) {
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void setId(String id) {
            this.id = id;
        }

        @Override
        public Object getPersistentState() {
            return id;
        }

        @Override
        public String toString() {
            printed++;
            return "a row";
        }
    }
}
