package io.ticketsmith.review;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.review.notify.NotifyReviewersListener;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Escalate review to leads", when a review is overdue: leads become candidates too, the task's priority
 * rises, the leads are notified, and the escalation is logged and counted. The reviewers keep the task; nothing is
 * taken away.
 */
@Component
public class EscalateReviewDelegate implements JavaDelegate {

    public static final int PRIORITY_STEP = 25;
    private static final Logger log = LoggerFactory.getLogger(EscalateReviewDelegate.class);

    private final TaskService tasks;
    private final TicketsmithMetrics metrics;
    private final NotifyReviewersListener notifyReviewers;

    EscalateReviewDelegate(TaskService tasks, TicketsmithMetrics metrics, NotifyReviewersListener notifyReviewers) {
        this.tasks = tasks;
        this.metrics = metrics;
        this.notifyReviewers = notifyReviewers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        for (Task review : tasks.createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(HandleRequestProcess.Elements.REVIEW_PROPOSED_ACTIONS)
                .list()) {
            tasks.addCandidateGroup(review.getId(), HandleRequestProcess.Groups.LEADS);
            int priority = Math.min(Task.PRIORITY_MAXIMUM, review.getPriority() + PRIORITY_STEP);
            tasks.setPriority(review.getId(), priority);
            log.warn("Request {}: review overdue (offered to {}, due {}); escalated to {} with priority {}",
                    execution.getProcessBusinessKey(), Variables.REVIEWER_GROUP.get(execution), review.getDueDate(),
                    HandleRequestProcess.Groups.LEADS, priority);
            notifyReviewers.escalated(execution, review, HandleRequestProcess.Groups.LEADS);
        }
        Variables.REVIEW_ESCALATED.set(execution, true);
        metrics.reviewEscalated(String.valueOf(Variables.REVIEWER_GROUP.get(execution)));
    }
}
