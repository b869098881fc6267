package io.ticketsmith.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ticketsmith.models.DecisionTables.Route;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Recorded decisions as the engine's history holds them, read back page by page. */
@Timeout(120)
class EngineRecordedDecisionsTest {

    private static ProcessEngine engine;
    private static Instant from;

    @BeforeAll
    static void recordRequests() throws Exception {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setProcessEngineName("recorded-decisions")
                .setJdbcUrl("jdbc:h2:mem:recorded-decisions;DB_CLOSE_DELAY=-1")
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false);
        configuration.setDefaultSerializationFormat("application/json");
        configuration.setProcessEnginePlugins(new ArrayList<ProcessEnginePlugin>(List.of(new SpinProcessEnginePlugin())));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .addInputStream("guardrails.dmn", Files.newInputStream(Path.of("dmn/guardrails.dmn"))).deploy();
        from = Instant.now().minusSeconds(1);
        RecordedHistory history = new RecordedHistory(engine.getRepositoryService(), engine.getRuntimeService());
        history.deploy();
        for (int i = 0; i < 12; i++) {
            history.request("REQ-" + i, 0.95, i % 3 == 0 ? "reject" : "approve", i % 3 == 1);
        }
        history.request("REQ-UNREVIEWED", 0.5, null, false);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private List<RecordedRequest> read(int pageSize) {
        List<RecordedRequest> requests = new ArrayList<>();
        new EngineRecordedDecisions((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration(),
                new ObjectMapper(), pageSize).forEach(from, Instant.now().plus(Duration.ofMinutes(1)), requests::add);
        return requests;
    }

    @Test
    void everyFinishedRequestIsReadOnceAcrossPages() {
        List<RecordedRequest> requests = read(5);

        assertThat(requests).extracting(RecordedRequest::requestId).doesNotHaveDuplicates().hasSize(13)
                .contains("REQ-0", "REQ-11", "REQ-UNREVIEWED");
    }

    @Test
    void recordedInputsAreNamedByTheVariablesTheTableReads() {
        RecordedRequest request = read(50).get(0);

        assertThat(request.inputs()).containsEntry("minConfidence", 0.95).containsEntry("urgency", "medium")
                .containsEntry("actionTypes", List.of("create_issue")).containsEntry("actionAssignees", List.of())
                .containsKey("ticketSystem").hasSize(11);
        assertThat(request.recordedRoute()).isEqualTo(Route.REVIEW);
        assertThat(request.category()).isEqualTo("bug");
        assertThat(request.source()).isEqualTo("api");
        assertThat(request.projects()).containsExactly("WEB");
    }

    @Test
    void reviewerOutcomesComeFromTheReviews() {
        List<RecordedRequest> requests = read(50);

        assertThat(requests).filteredOn(request -> request.requestId().equals("REQ-0"))
                .extracting(RecordedRequest::reviewerOutcome).containsExactly(ReviewerOutcome.REJECTED);
        assertThat(requests).filteredOn(request -> request.requestId().equals("REQ-1"))
                .extracting(RecordedRequest::reviewerOutcome).containsExactly(ReviewerOutcome.EDITED);
        assertThat(requests).filteredOn(request -> request.requestId().equals("REQ-2"))
                .extracting(RecordedRequest::reviewerOutcome).containsExactly(ReviewerOutcome.APPROVED_UNCHANGED);
        assertThat(requests).filteredOn(request -> request.requestId().equals("REQ-UNREVIEWED"))
                .extracting(RecordedRequest::reviewerOutcome).containsExactly(ReviewerOutcome.NONE);
    }

    @Test
    void aPeriodBeforeTheHistoryReadsNothing() {
        List<RecordedRequest> requests = new ArrayList<>();
        new EngineRecordedDecisions((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration(),
                new ObjectMapper(), 5).forEach(from.minus(Duration.ofDays(2)), from.minus(Duration.ofDays(1)),
                        requests::add);

        assertThat(requests).isEmpty();
    }
}
