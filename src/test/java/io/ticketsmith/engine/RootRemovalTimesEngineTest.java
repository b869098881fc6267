package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine with the product's history producers ({@link RootRemovalTimes}), on H2, which counts every statement it
 * runs.
 */
class RootRemovalTimesEngineTest {

    private static ProcessEngine engine;
    private static final String URL = "jdbc:h2:mem:root-removal-times-test;DB_CLOSE_DELAY=-1";

    @BeforeAll
    static void startEngine() throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(URL, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
            statement.execute("SET QUERY_STATISTICS TRUE");
        }
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setProcessEngineName("root-removal-times-test")
                .setJdbcUrl(URL)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false);
        configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START);
        configuration.getProcessEnginePlugins().add(new HistoryLookupsPlugin());
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .addString("route.dmn", """
                        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d"
                            xmlns:camunda="http://camunda.org/schema/1.0/dmn" namespace="https://ticketsmith.io/dmn">
                          <decision id="route" name="Route" camunda:historyTimeToLive="180">
                            <decisionTable id="t" hitPolicy="FIRST">
                              <input id="i"><inputExpression id="e" typeRef="string"><text>kind</text></inputExpression></input>
                              <output id="o" name="route" typeRef="string"/>
                              <rule id="r"><inputEntry id="ie"><text>"bug"</text></inputEntry>
                                <outputEntry id="oe"><text>"AUTO"</text></outputEntry></rule>
                            </decisionTable>
                          </decision>
                        </definitions>""")
                .addModelInstance("request.bpmn", Bpmn.createExecutableProcess("request")
                        .camundaHistoryTimeToLive(180)
                        .startEvent().serviceTask("Task_Note").camundaExpression("${true}").camundaAsyncBefore()
                        .businessRuleTask("Task_Route").camundaDecisionRef("route")
                        .camundaResultVariable("route").camundaMapDecisionResult("singleEntry")
                        .userTask("Task_Review").endEvent().done())
                .deploy();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void aRequestsLaterTransactionsReadNoRootAndEveryRowHasTheRootsRemovalTime() throws Exception {
        String id = engine.getRuntimeService().startProcessInstanceByKey("request", Map.of("kind", "bug")).getId();
        long before = rootReads();

        // A job with a decision, then a variable set: rows of activities, a job log entry, a decision, variables.
        var job = engine.getManagementService().createJobQuery().processInstanceId(id).singleResult();
        engine.getManagementService().executeJob(job.getId());
        engine.getRuntimeService().setVariable(id, "kind", "question");
        long read = rootReads() - before;
        String task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
        engine.getTaskService().complete(task);

        assertThat(read).as("reads of the root's history row after the start").isZero();
        var history = engine.getHistoryService();
        HistoricProcessInstance root = history.createHistoricProcessInstanceQuery().processInstanceId(id)
                .singleResult();
        Date removal = root.getRemovalTime();
        assertThat(removal).isNotNull();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).list()).hasSize(5)
                .allSatisfy(row -> assertThat(row.getRemovalTime()).isEqualTo(removal));
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).list()).hasSize(2)
                .allSatisfy(row -> assertThat(row.getRemovalTime()).isEqualTo(removal));
        assertThat(history.createHistoricJobLogQuery().processInstanceId(id).list()).hasSize(2)
                .allSatisfy(row -> assertThat(row.getRemovalTime()).isEqualTo(removal));
        assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(id).list()).hasSize(1)
                .allSatisfy(row -> assertThat(row.getRemovalTime()).isEqualTo(removal));
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(id).list()).hasSize(1)
                .allSatisfy(row -> assertThat(row.getRemovalTime()).isEqualTo(removal));
    }

    /** How often H2 ran a query of ACT_HI_PROCINST by id, from its statistics of the statements it ran. */
    private static long rootReads() throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(URL, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT "
                        + "FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
            long reads = 0;
            while (rows.next()) {
                String sql = rows.getString(1).toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
                if (sql.startsWith("SELECT ") && sql.contains(" FROM ACT_HI_PROCINST ") && sql.endsWith("ID_ = ?")) {
                    reads += rows.getLong(2);
                }
            }
            return reads;
        }
    }
}
