package io.ticketsmith.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.ticketsmith.support.InMemoryEngine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ModelFolderWatcherTest {

    private static final Duration DEPLOY_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path folder;

    private ProcessEngine engine;
    private RepositoryService repositoryService;
    private ModelFolderWatcher watcher;

    @BeforeEach
    void startEngineAndWatcher() throws IOException {
        engine = InMemoryEngine.start("watcher-test-" + System.nanoTime());
        repositoryService = engine.getRepositoryService();
        Files.writeString(folder.resolve("discount.dmn"), discountTable("0.10"));
        watcher = newWatcher();
        watcher.start();
    }

    private ModelFolderWatcher newWatcher() {
        return new ModelFolderWatcher(InMemoryEngine.deployer(engine),
                new ModelProperties(List.of(folder), true, Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        watcher.stop();
        engine.close();
    }

    @Test
    void modelsAreDeployedAtStartUp() {
        assertThat(latestDiscount().getVersion()).isEqualTo(1);
    }

    @Test
    void changedDecisionTableIsDeployedAsNewVersionWithinFiveSeconds() throws IOException {
        Files.writeString(folder.resolve("discount.dmn"), discountTable("0.15"));

        await().atMost(DEPLOY_WITHIN).untilAsserted(() -> assertThat(latestDiscount().getVersion()).isEqualTo(2));
        assertThat(evaluateDiscount()).isEqualTo(0.15);
    }

    @Test
    void unchangedFilesCreateNoNewVersionOnRestart() {
        watcher.stop();
        watcher = newWatcher();
        watcher.start();

        assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("discount").count())
                .isEqualTo(1);
    }

    @Test
    void brokenDecisionTableIsRefusedAndPreviousVersionKeepsRunning(CapturedOutput output) throws IOException {
        Files.writeString(folder.resolve("discount.dmn"), discountTable("0.20").replace("</definitions>", ""));

        await().atMost(DEPLOY_WITHIN).until(() -> output.getOut().contains("Refused model"));
        assertThat(output.getOut()).contains("discount.dmn").contains("previously deployed version stays active");
        assertThat(latestDiscount().getVersion()).isEqualTo(1);
        assertThat(evaluateDiscount()).isEqualTo(0.10);
    }

    @Test
    void nodeRestartingWithAStaleCopyDoesNotRollTheTableBack(CapturedOutput output) throws IOException {
        Files.writeString(folder.resolve("discount.dmn"), discountTable("0.15"));
        await().atMost(DEPLOY_WITHIN).untilAsserted(() -> assertThat(latestDiscount().getVersion()).isEqualTo(2));
        watcher.stop();

        // The node comes back with its folder as it was before the change.
        Files.writeString(folder.resolve("discount.dmn"), discountTable("0.10"));
        watcher = newWatcher();
        watcher.start();

        assertThat(output.getOut()).contains("discount.dmn equals the version deployed", "older than the latest");
        assertThat(latestDiscount().getVersion()).isEqualTo(2);
        assertThat(evaluateDiscount()).isEqualTo(0.15);
    }

    @Test
    void deploymentTheDatabaseFailedIsTriedAgainOnTheNextPoll(CapturedOutput output) throws IOException {
        watcher.stop();
        org.camunda.bpm.engine.RepositoryService failingOnce = org.mockito.Mockito.spy(repositoryService);
        org.mockito.Mockito.doThrow(new org.camunda.bpm.engine.ProcessEngineException("Could not insert the deployment",
                new org.apache.ibatis.exceptions.PersistenceException(new java.sql.SQLException("Connection refused"))))
                .doCallRealMethod().when(failingOnce).createDeployment();
        watcher = new ModelFolderWatcher(new ModelDeployer(failingOnce, new com.fasterxml.jackson.databind.ObjectMapper(),
                ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                        .getDataSource()), new ModelProperties(List.of(folder), true, Duration.ofMillis(500)));
        watcher.start();

        Files.writeString(folder.resolve("discount.dmn"), discountTable("0.25"));

        await().atMost(DEPLOY_WITHIN).untilAsserted(() -> assertThat(latestDiscount().getVersion()).isEqualTo(2));
        assertThat(output.getOut()).contains("could not be deployed", "trying again on the next poll")
                .doesNotContain("Refused model");
        assertThat(evaluateDiscount()).isEqualTo(0.25);
    }

    @Test
    void newFileInTheFolderIsDeployed() throws IOException {
        Files.writeString(folder.resolve("shipping.dmn"), discountTable("0.30").replace("\"discount\"", "\"shipping\""));

        await().atMost(DEPLOY_WITHIN).untilAsserted(() -> assertThat(
                repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("shipping").count()).isEqualTo(1));
    }

    @Test
    void formWithoutIdIsRefusedWithTheReason(CapturedOutput output) throws IOException {
        Files.writeString(folder.resolve("broken.form"), "{\"components\": []}");

        await().atMost(DEPLOY_WITHIN).until(() -> output.getOut().contains("broken.form has no form \"id\""));
        assertThat(repositoryService.createDeploymentQuery().deploymentName("broken.form").count()).isZero();
    }

    private DecisionDefinition latestDiscount() {
        return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("discount").latestVersion()
                .singleResult();
    }

    private Object evaluateDiscount() {
        return engine.getDecisionService().evaluateDecisionTableByKey("discount")
                .variables(java.util.Map.of("customer", "gold"))
                .evaluate()
                .getSingleResult()
                .getSingleEntry();
    }

    private static String discountTable(String rate) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_Discount" name="Discount" namespace="http://camunda.org/schema/1.0/dmn">
                  <decision id="discount" name="Determine discount" camunda:historyTimeToLive="30">
                    <decisionTable id="DecisionTable_Discount">
                      <input id="Input_Customer" label="Customer">
                        <inputExpression id="InputExpression_Customer" typeRef="string"><text>customer</text></inputExpression>
                      </input>
                      <output id="Output_Rate" name="rate" typeRef="double" />
                      <rule id="Rule_Gold">
                        <inputEntry id="InputEntry_Gold"><text>"gold"</text></inputEntry>
                        <outputEntry id="OutputEntry_Gold"><text>%s</text></outputEntry>
                      </rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(rate);
    }
}
