package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JSON variables stored in their row's text column: three engines on one database, as nodes of three versions
 * would be. {@code spinOnly} is an engine without the plugin (an earlier version), {@code textWriting} one with it,
 * {@code byteArrayWriting} one with it and {@code ticketsmith.engine.json-in-text-column=false}.
 */
class JsonTextValuesPluginTest {

    private static final String DATABASE = "jdbc:h2:mem:json-text-values-test;DB_CLOSE_DELAY=-1";
    private static final String SHORT_JSON = "{\"summary\":\"Login page returns HTTP 500\",\"urgency\":\"high\"}";

    private static ProcessEngine spinOnly;
    private static ProcessEngine textWriting;
    private static ProcessEngine byteArrayWriting;

    @BeforeAll
    static void startEngines() {
        spinOnly = engine("json-text-spin-only", null);
        textWriting = engine("json-text-writing", new JsonTextValuesPlugin(true));
        byteArrayWriting = engine("json-text-byte-arrays", new JsonTextValuesPlugin(false));
        textWriting.getRepositoryService().createDeployment()
                .addModelInstance("wait.bpmn", Bpmn.createExecutableProcess("wait").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Wait").endEvent().done())
                .deploy();
    }

    private static ProcessEngine engine(String name, JsonTextValuesPlugin plugin) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setProcessEngineName(name)
                .setJdbcUrl(DATABASE)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false);
        configuration.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
        if (plugin != null) {
            configuration.getProcessEnginePlugins().add(plugin);
        }
        return configuration.buildProcessEngine();
    }

    @AfterAll
    static void closeEngines() {
        byteArrayWriting.close();
        textWriting.close();
        spinOnly.close();
    }

    @Test
    void aShortJsonValueIsKeptInTheTextOfItsRowsWithoutAByteArray() throws SQLException {
        long byteArrays = byteArrays();

        String id = start(textWriting, SpinValues.jsonValue(SHORT_JSON).create());

        assertThat(stored("ACT_RU_VARIABLE", id)).containsExactly("json", SHORT_JSON, null);
        assertThat(stored("ACT_HI_VARINST", id)).containsExactly("json", SHORT_JSON, null);
        assertThat(byteArrays()).isEqualTo(byteArrays);
        JsonValue read = textWriting.getRuntimeService().getVariableTyped(id, "analysis");
        assertThat(read.getValue().prop("summary").stringValue()).isEqualTo("Login page returns HTTP 500");
        SerializableValue serialized = textWriting.getRuntimeService().getVariableTyped(id, "analysis", false);
        assertThat(serialized.getValueSerialized()).isEqualTo(SHORT_JSON);
        assertThat(serialized.getSerializationDataFormat()).isEqualTo("application/json");
        HistoricVariableInstance history = textWriting.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(id).variableName("analysis").singleResult();
        assertThat(history.getTypeName()).isEqualTo("json");
        assertThat(((JsonValue) history.getTypedValue()).getValueSerialized()).isEqualTo(SHORT_JSON);
    }

    @Test
    void aValueLongerThanTheTextColumnIsAByteArrayAndChangingBetweenTheTwoLeavesNoByteArrayBehind()
            throws SQLException {
        long byteArrays = byteArrays();
        String longJson = "{\"summary\":\"" + "x".repeat(JsonTextValuesPlugin.TEXT_COLUMN_LENGTH) + "\"}";

        String id = start(textWriting, SpinValues.jsonValue(longJson).create());

        assertThat(stored("ACT_RU_VARIABLE", id)[1]).isNull();
        assertThat(stored("ACT_RU_VARIABLE", id)[2]).isNotNull();
        assertThat(stored("ACT_HI_VARINST", id)[2]).isNotNull();
        assertThat(byteArrays()).as("the value's and its history's")
                .isEqualTo(byteArrays + 2);
        assertThat(((JsonValue) textWriting.getRuntimeService().getVariableTyped(id, "analysis"))
                .getValueSerialized()).isEqualTo(longJson);

        textWriting.getRuntimeService().setVariable(id, "analysis", SpinValues.jsonValue(SHORT_JSON).create());
        assertThat(stored("ACT_RU_VARIABLE", id)).containsExactly("json", SHORT_JSON, null);
        assertThat(stored("ACT_HI_VARINST", id)).containsExactly("json", SHORT_JSON, null);
        assertThat(byteArrays()).isEqualTo(byteArrays);

        textWriting.getRuntimeService().setVariable(id, "analysis", SpinValues.jsonValue(longJson).create());
        assertThat(stored("ACT_RU_VARIABLE", id)[1]).isNull();
        assertThat(((JsonValue) textWriting.getRuntimeService().getVariableTyped(id, "analysis"))
                .getValueSerialized()).isEqualTo(longJson);

        textWriting.getRuntimeService().deleteProcessInstance(id, "done");
        textWriting.getHistoryService().deleteHistoricProcessInstance(id);
        assertThat(byteArrays()).isEqualTo(byteArrays);
    }

    @Test
    void aValueAnEarlierVersionWroteAsAByteArrayIsRead() throws SQLException {
        String id = start(spinOnly, SpinValues.jsonValue(SHORT_JSON).create());
        assertThat(stored("ACT_RU_VARIABLE", id)[1]).isNull();
        assertThat(stored("ACT_RU_VARIABLE", id)[2]).isNotNull();

        JsonValue read = textWriting.getRuntimeService().getVariableTyped(id, "analysis");

        assertThat(read.getValue().prop("urgency").stringValue()).isEqualTo("high");
        assertThat(((JsonValue) textWriting.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(id).variableName("analysis").singleResult().getTypedValue())
                .getValueSerialized()).isEqualTo(SHORT_JSON);
    }

    @Test
    void withTheTextColumnSwitchedOffValuesAreWrittenAsByteArraysAndTextIsStillRead() throws SQLException {
        String written = start(byteArrayWriting, SpinValues.jsonValue(SHORT_JSON).create());
        assertThat(stored("ACT_RU_VARIABLE", written)[1]).isNull();
        assertThat(stored("ACT_RU_VARIABLE", written)[2]).isNotNull();

        String asText = start(textWriting, SpinValues.jsonValue(SHORT_JSON).create());
        JsonValue read = byteArrayWriting.getRuntimeService().getVariableTyped(asText, "analysis");

        assertThat(read.getValueSerialized()).isEqualTo(SHORT_JSON);
    }

    @Test
    void aQueryForATextValueDoesNotFindAJsonValueWithTheSameText() {
        String json = start(textWriting, SpinValues.jsonValue(SHORT_JSON).create());
        String text = start(textWriting, SHORT_JSON);

        assertThat(textWriting.getRuntimeService().createProcessInstanceQuery()
                .variableValueEquals("analysis", SHORT_JSON).list())
                .extracting(instance -> instance.getId()).contains(text).doesNotContain(json);
        assertThat(textWriting.getRuntimeService().createProcessInstanceQuery()
                .variableValueLike("analysis", "%Login page%").list())
                .extracting(instance -> instance.getId()).contains(text).doesNotContain(json);
    }

    private static String start(ProcessEngine engine, Object analysis) {
        return engine.getRuntimeService().startProcessInstanceByKey("wait", Map.of("analysis", analysis)).getId();
    }

    /** The variable's type, text and byte array id in the table's row of the instance's {@code analysis}. */
    private static String[] stored(String table, String processInstanceId) throws SQLException {
        String type = table.equals("ACT_HI_VARINST") ? "VAR_TYPE_" : "TYPE_";
        try (Connection connection = dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("select " + type + ", TEXT_, BYTEARRAY_ID_ from "
                        + table + " where PROC_INST_ID_ = ? and NAME_ = 'analysis'")) {
            select.setString(1, processInstanceId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("a row in " + table).isTrue();
                return new String[] {row.getString(1), row.getString(2), row.getString(3)};
            }
        }
    }

    /**
     * Byte arrays other than those of {@code ACT_HI_DETAIL}, where these engines' history (the engine's own, level
     * FULL) keeps every value written.
     */
    private static long byteArrays() throws SQLException {
        try (Connection connection = dataSource().getConnection();
                ResultSet row = connection.createStatement().executeQuery("select count(*) from ACT_GE_BYTEARRAY B "
                        + "where not exists (select 1 from ACT_HI_DETAIL D where D.BYTEARRAY_ID_ = B.ID_)")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static javax.sql.DataSource dataSource() {
        return ((ProcessEngineConfigurationImpl) textWriting.getProcessEngineConfiguration()).getDataSource();
    }
}
