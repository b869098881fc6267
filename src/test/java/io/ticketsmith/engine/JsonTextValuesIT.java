package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.ticketsmith.support.PostgresTestDatabase;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** JSON variables in their row's text column on PostgreSQL, whose text columns count characters and refuse NUL. */
class JsonTextValuesIT {

    private static DriverManagerDataSource database;
    private static JdbcTemplate jdbc;
    private static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        database = new DriverManagerDataSource(PostgresTestDatabase.fresh("ticketsmith_json_text_values_it"),
                PostgresTestDatabase.user(), PostgresTestDatabase.password());
        jdbc = new JdbcTemplate(database);
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(database);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("json-text-values-it");
        configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
        configuration.getProcessEnginePlugins().add(new JsonTextValuesPlugin(true));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .addModelInstance("wait.bpmn", Bpmn.createExecutableProcess("wait").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Wait").endEvent().done())
                .deploy();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void aValueOfFourThousandCharactersOutsideAsciiIsKeptAsTextAndReadBackUnchanged() {
        String prefix = "{\"summary\":\"Grüße aus Zürich \uD83D\uDE80 ";
        String json = prefix + "ü".repeat(JsonTextValuesPlugin.TEXT_COLUMN_LENGTH - prefix.length() - 2) + "\"}";
        assertThat(json).hasSize(JsonTextValuesPlugin.TEXT_COLUMN_LENGTH);

        String id = start(json);

        assertThat(jdbc.queryForMap("SELECT text_, bytearray_id_ FROM act_ru_variable WHERE proc_inst_id_ = ?", id))
                .containsEntry("text_", json).containsEntry("bytearray_id_", null);
        assertThat(jdbc.queryForObject("SELECT text_ FROM act_hi_varinst WHERE proc_inst_id_ = ?", String.class, id))
                .isEqualTo(json);
        JsonValue read = engine.getRuntimeService().getVariableTyped(id, "analysis");
        assertThat(read.getValue().prop("summary").stringValue()).startsWith("Grüße aus Zürich \uD83D\uDE80 üü");
        assertThat(((SerializableValue) engine.getRuntimeService().getVariableTyped(id, "analysis", false))
                .getValueSerialized()).isEqualTo(json);
    }

    @Test
    void aSerializedValueWithANulCharacterIsKeptAsAByteArrayInsteadOfFailingTheCall() {
        String json = "{\"summary\":\"before\u0000after\"}";

        String id = start(json);

        assertThat(jdbc.queryForMap("SELECT text_, bytearray_id_ FROM act_ru_variable WHERE proc_inst_id_ = ?", id))
                .containsEntry("text_", null).extractingByKey("bytearray_id_").isNotNull();
        assertThat(((SerializableValue) engine.getRuntimeService().getVariableTyped(id, "analysis", false))
                .getValueSerialized()).isEqualTo(json);
    }

    private static String start(String json) {
        return engine.getRuntimeService().startProcessInstanceByKey("wait",
                Map.of("analysis", SpinValues.jsonValue(json).create())).getId();
    }
}
