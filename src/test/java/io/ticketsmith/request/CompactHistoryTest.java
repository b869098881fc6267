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
import java.util.UUID;
import java.util.stream.Collectors;


import io.ticketsmith.request.HandleRequestProcess.Elements;
import io.ticketsmith.support.OpenAiProcessTest;
import io.ticketsmith.support.OpenAiStub;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * History keeps the final value of each of a request's variables and every value a person set, and writes each row
 * once: what a finished request shows auditors is unchanged, without a copy of every value at every write.
 */
class CompactHistoryTest extends OpenAiProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired AnalyzeRequestWorker worker;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @Test
    void aFinishedRequestKeepsTheFinalValueOfItsVariablesAndEveryValueAPersonSet() {
        openAi.stubFor(OpenAiStub.chatCompletion().willReturn(OpenAiStub.answer(
                AnalysisFixtures.json(AnalysisFixtures.loginBug()))));
        ProcessInstance request = runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY,
                UUID.randomUUID().toString(), Map.of("requestText", "The login page gives a 500 since yesterday's "
                        + "deploy", "source", "api"));
        execute(engine.getManagementService().createJobQuery().processInstanceId(request.getId()).singleResult());
        asAdministrator(() -> runtimeService.setVariable(request.getId(), "replyTone", "formal"));
        AnalysisTasks.analyze(engine, worker, request);
        execute(engine.getManagementService().createJobQuery().processInstanceId(request.getId()).singleResult());
        assertThat(request).isEnded().hasPassed(Elements.END_DONE);

        List<HistoricVariableUpdate> details = variableUpdates(request);
        assertThat(details).as("what the process wrote itself keeps no copy per write; what a person set does")
                .singleElement().satisfies(detail -> {
                    assertThat(detail.getVariableName()).isEqualTo("replyTone");
                    assertThat(detail.getValue()).isEqualTo("formal");
                    assertThat(detail.getUserOperationId()).isNotNull();
                    assertThat(historyService.createUserOperationLogQuery().operationType(
                            UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE).processInstanceId(request.getId())
                            .singleResult().getOperationId()).isEqualTo(detail.getUserOperationId());
                });

        List<HistoricVariableInstance> kept = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(request.getId()).list();
        assertThat(kept).as("only the request's own variables, none local to an activity or a task")
                .allSatisfy(variable -> {
                    assertThat(variable.getActivityInstanceId()).isEqualTo(request.getId());
                    assertThat(variable.getTaskId()).isNull();
                });
        var variables = kept.stream().collect(Collectors.toMap(HistoricVariableInstance::getName, variable -> variable));
        assertThat(variables).containsKeys("analysis", "actions", "actionResults", "decisionAudit", "llmCall",
                "route", "outcome", "summary", "urgency", "replyTone").doesNotContainKeys("loopCounter", "nrOfInstances",
                "outcomeToRecord", "issueType");
        assertThat(variables.get("actionResults").getValue().toString()).contains("create_issue");
        assertThat(variables.get("analysis").getValue().toString()).contains("Login page returns HTTP 500");
        assertThat(variables.get("outcome").getValue()).isEqualTo("DONE");
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

    @Test
    void aValueAPersonWritesIntoATaskOfTheRequestIsKeptAsTheirChange() {
        ProcessInstance request = requestWaitingForReview();
        String review = engine.getTaskService().createTaskQuery().processInstanceId(request.getId()).singleResult()
                .getId();
        asAdministrator(() -> engine.getTaskService().setVariableLocal(review, "urgency", "low"));

        List<HistoricVariableUpdate> details = variableUpdates(request);
        assertThat(details).as("the change a person made to the review task's own copy, with its value")
                .singleElement().satisfies(detail -> {
                    assertThat(detail.getVariableName()).isEqualTo("urgency");
                    assertThat(detail.getValue()).isEqualTo("low");
                    assertThat(detail.getTaskId()).isEqualTo(review);
                    assertThat(detail.getUserOperationId()).isNotNull();
                });
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(request.getId()).list())
                .as("the task's copy itself is not kept").noneMatch(variable -> review.equals(variable.getTaskId()));
        runtimeService.deleteProcessInstance(request.getId(), "test done");
    }

    @Test
    void aJsonValueAPersonSetsIsKeptAsTheVariablesValueWithoutACopyOfTheWrite() {
        ProcessInstance request = requestWaitingForReview();
        String note = "{\"note\":\"check yesterday's deploy first\"}";

        asAdministrator(() -> runtimeService.setVariable(request.getId(), "reviewNote",
                SpinValues.jsonValue(note).create()));

        assertThat(variableUpdates(request)).as("a JSON value, kept short in its row's text, is still no detail row")
                .isEmpty();
        HistoricVariableInstance kept = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(request.getId()).variableName("reviewNote").singleResult();
        assertThat(kept.getTypeName()).isEqualTo("json");
        assertThat(((JsonValue) kept.getTypedValue()).getValueSerialized()).isEqualTo(note);
        runtimeService.deleteProcessInstance(request.getId(), "test done");
    }

    /** A request whose analysis was unsure, so it waits for a person's review. */
    private ProcessInstance requestWaitingForReview() {
        openAi.stubFor(OpenAiStub.chatCompletion().willReturn(OpenAiStub.answer(
                AnalysisFixtures.json(AnalysisFixtures.unsureLoginBug()))));
        ProcessInstance request = runtimeService.startProcessInstanceByKey(HandleRequestProcess.KEY,
                UUID.randomUUID().toString(), Map.of("requestText", "Login fails since the deploy", "source", "api"));
        AnalysisTasks.analyze(engine, worker, request);
        assertThat(request).isWaitingAt(Elements.REVIEW_PROPOSED_ACTIONS);
        return request;
    }

    /** A change made as a person would make it: authenticated, so the engine logs it as a user operation. */
    private void asAdministrator(Runnable change) {
        try {
            identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
            change.run();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private List<HistoricVariableUpdate> variableUpdates(ProcessInstance request) {
        return historyService.createHistoricDetailQuery().variableUpdates().processInstanceId(request.getId()).list()
                .stream().map(HistoricVariableUpdate.class::cast).toList();
    }
}
