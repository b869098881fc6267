package io.ticketsmith.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.ticketsmith.request.HandleRequestProcess.Elements;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;

/** How the integration tests follow a request through the running application, by its request id. */
public final class RequestProgress {

    private final TaskService taskService;
    private final HistoryService historyService;

    public RequestProgress(TaskService taskService, HistoryService historyService) {
        this.taskService = taskService;
        this.historyService = historyService;
    }

    /** The request's review task, once the job executor has brought the request there (at most a minute). */
    public Task awaitReviewTask(String requestId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(requestId).taskDefinitionKey(Elements.REVIEW_PROPOSED_ACTIONS)
                .singleResult(), task -> task != null);
    }

    public String processInstanceId(String requestId) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(requestId).singleResult()
                .getId();
    }

    /** A variable of the request itself, not of a task or step that has one of the same name. */
    public Object variable(String requestId, String name) {
        String processInstanceId = processInstanceId(requestId);
        HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).list().stream()
                .filter(candidate -> processInstanceId.equals(candidate.getActivityInstanceId()))
                .findFirst().orElse(null);
        return variable == null ? null : variable.getValue();
    }
}
