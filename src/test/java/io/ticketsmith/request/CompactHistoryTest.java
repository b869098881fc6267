package io.ticketsmith.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;


import io.ticketsmith.request.HandleRequestProcess.Elements;
import io.ticketsmith.support.OpenAiProcessTest;
import io.ticketsmith.support.OpenAiStub;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * History keeps one copy of each JSON variable, its final value, and the update history of plain variables: what a
 * finished request shows auditors is unchanged, without a copy of the analysis and actions at every update.
 */
class CompactHistoryTest extends OpenAiProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired AnalyzeRequestWorker worker;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void aFinishedRequestKeepsTheFinalValueOfEachJsonVariableAndTheUpdatesOfPlainOnes() {
        openAi.stubFor(OpenAiStub.chatCompletion().willReturn(OpenAiStub.answer(
                AnalysisFixtures.json(AnalysisFixtures.loginBug()))));
        ProcessInstance request = runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY,
                UUID.randomUUID().toString(), Map.of("requestText", "The login page gives a 500 since yesterday's "
                        + "deploy", "source", "api"));
        AnalysisTasks.analyze(engine, worker, request);
        execute(engine.getManagementService().createJobQuery().processInstanceId(request.getId()).singleResult());
        assertThat(request).isEnded().hasPassed(Elements.END_DONE);

        List<HistoricDetail> details = historyService.createHistoricDetailQuery().variableUpdates()
                .processInstanceId(request.getId()).list();
        Set<String> detailed = details.stream().map(detail -> ((HistoricVariableUpdate) detail).getVariableName())
                .collect(Collectors.toSet());
        assertThat(detailed).as("plain variables keep their update history").contains("route", "outcome", "summary");
        assertThat(detailed).as("JSON variables keep no copy per update")
                .doesNotContain("analysis", "actions", "actionResults", "decisionAudit", "llmCall");

        var variables = historyService.createHistoricVariableInstanceQuery().processInstanceId(request.getId()).list()
                .stream().collect(Collectors.toMap(variable -> variable.getName(), variable -> variable, (a, b) -> a));
        assertThat(variables).containsKeys("analysis", "actions", "actionResults", "decisionAudit", "llmCall");
        assertThat(variables.get("actionResults").getValue().toString()).contains("create_issue");
        assertThat(variables.get("analysis").getValue().toString()).contains("Login page returns HTTP 500");
    }

    @Test
    void aRequestsHistoryIsWrittenWithItsRemovalTimeInsteadOfUpdatedWhenTheRequestEnds() {
        openAi.stubFor(OpenAiStub.chatCompletion().willReturn(OpenAiStub.answer(
                AnalysisFixtures.json(AnalysisFixtures.loginBug()))));
        Instant started = Instant.parse("2026-03-02T09:00:00Z");
        try {
            ClockUtil.setCurrentTime(Date.from(started));
            ProcessInstance request = runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY,
                    UUID.randomUUID().toString(), Map.of("requestText", "The login page gives a 500 since yesterday's "
                            + "deploy", "source", "api"));
            ClockUtil.setCurrentTime(Date.from(started.plus(Duration.ofHours(5))));
            AnalysisTasks.analyze(engine, worker, request);
            execute(engine.getManagementService().createJobQuery().processInstanceId(request.getId()).singleResult());
            assertThat(request).isEnded().hasPassed(Elements.END_DONE);

            Date removal = Date.from(started.plus(Duration.ofDays(180)));
            HistoricProcessInstance finished = historyService.createHistoricProcessInstanceQuery()
                    .processInstanceId(request.getId()).singleResult();
            assertThat(finished.getEndTime()).isAfter(finished.getStartTime());
            assertThat(finished.getRemovalTime()).as("the model's time to live from the start").isEqualTo(removal);
            assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(request.getId()).list())
                    .isNotEmpty().allSatisfy(variable -> assertThat(variable.getRemovalTime()).isEqualTo(removal));
            assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(request.getId()).list())
                    .isNotEmpty().allSatisfy(activity -> assertThat(activity.getRemovalTime()).isEqualTo(removal));
            assertThat(historyService.createHistoricDecisionInstanceQuery().processInstanceId(request.getId()).list())
                    .isNotEmpty().allSatisfy(decision -> assertThat(decision.getRemovalTime()).isEqualTo(removal));
        } finally {
            ClockUtil.reset();
        }
    }
}
