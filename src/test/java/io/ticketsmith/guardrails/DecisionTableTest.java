package io.ticketsmith.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.ticketsmith.models.ModelDeployer;
import io.ticketsmith.support.InMemoryEngine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The base of the decision table tests: one in-memory engine for all of them, started by the first and closed when
 * the test run ends, with every model of the top-level {@code dmn/} folder deployed as the application deploys it;
 * and {@link #evaluateDecision}, which evaluates a decision and reads which rule matched.
 */
@ExtendWith(DecisionTableTest.DecisionEngine.class)
abstract class DecisionTableTest {

    static final Path DMN_FOLDER = Path.of("dmn");

    static ProcessEngine engine;

    /** The outputs of one evaluation and the id of the rule that gave them. */
    record Evaluation(String ruleId, Map<String, Object> outputs) {

        String output(String name) {
            return (String) outputs.get(name);
        }
    }

    /** Evaluates a decision table and reads which rule matched from the (freshly emptied) decision history. */
    static Evaluation evaluateDecision(String decisionKey, Map<String, Object> variables) {
        String definitionId = engine.getRepositoryService().createDecisionDefinitionQuery()
                .decisionDefinitionKey(decisionKey)
                .latestVersion()
                .singleResult()
                .getId();
        // Sorting by evaluation time could mix up two evaluations within the same millisecond.
        engine.getHistoryService().deleteHistoricDecisionInstanceByDefinitionId(definitionId);

        Map<String, Object> outputs = engine.getDecisionService()
                .evaluateDecisionTableByKey(decisionKey)
                .variables(variables)
                .evaluate()
                .getSingleResult()
                .getEntryMap();

        HistoricDecisionInstance evaluation = engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(decisionKey)
                .includeOutputs()
                .singleResult();
        assertThat(evaluation.getOutputs()).as("outputs of the matched rule").isNotEmpty();
        return new Evaluation(evaluation.getOutputs().get(0).getRuleId(), outputs);
    }

    /** Starts the engine once per test run, in the run's root store, which closes it at the end. */
    static final class DecisionEngine implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            engine = context.getRoot().getStore(ExtensionContext.Namespace.create(DecisionEngine.class))
                    .getOrComputeIfAbsent(Running.class, key -> new Running(startWithDecisions()), Running.class)
                    .engine();
        }

        private static ProcessEngine startWithDecisions() {
            ProcessEngine started = InMemoryEngine.start("decision-table-tests");
            models().forEach(file -> InMemoryEngine.deploy(started, file));
            return started;
        }

        private static List<Path> models() {
            try (Stream<Path> files = Files.list(DMN_FOLDER)) {
                return files.filter(ModelDeployer::isModelFile).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Running(ProcessEngine engine) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            engine.close();
        }
    }
}
