package io.ticketsmith.review.notify;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine's side of review notifications: when "Review proposed actions" is created ({@code create} listener in
 * the model), its candidate groups are told; when it is escalated, {@code EscalateReviewDelegate} tells the leads.
 * The notice is read here and handed to the {@link ReviewNotifier} only once the engine's transaction has committed,
 * so nobody is told about a task that a rollback undid, and no SMTP or HTTP call happens inside the transaction.
 * Nothing here may fail the task or the escalation.
 */
@Component
public class NotifyReviewersListener implements TaskListener {

    private static final Logger log = LoggerFactory.getLogger(NotifyReviewersListener.class);

    private final ReviewNotifier notifier;

    NotifyReviewersListener(ReviewNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!notifier.isEnabled() || !TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            return;
        }
        String requestId = task.getExecution().getProcessBusinessKey();
        try {
            for (IdentityLink candidate : task.getCandidates()) {
                if (candidate.getGroupId() != null && IdentityLinkType.CANDIDATE.equals(candidate.getType())) {
                    afterCommit(notice(requestId, task.getId(), candidate.getGroupId(), task, task.getDueDate(),
                            false));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Request {}: reviewers of task {} not notified", requestId, task.getId(), e);
        }
    }

    /** Tells {@code groupId} that the overdue review {@code task} is now offered to it as well. */
    public void escalated(DelegateExecution execution, Task task, String groupId) {
        if (!notifier.isEnabled()) {
            return;
        }
        try {
            afterCommit(notice(execution.getProcessBusinessKey(), task.getId(), groupId, execution, task.getDueDate(),
                    true));
        } catch (RuntimeException e) {
            log.warn("Request {}: {} not notified of the escalation of task {}", execution.getProcessBusinessKey(),
                    groupId, task.getId(), e);
        }
    }

    private static ReviewNotice notice(String requestId, String taskId, String groupId, VariableScope variables,
                                       Date due, boolean escalated) {
        return new ReviewNotice(requestId, taskId, groupId, Variables.SUMMARY.get(variables),
                Variables.GUARDRAIL_REASON.get(variables), due == null ? null : Instant.ofEpochMilli(due.getTime()),
                escalated);
    }

    private void afterCommit(ReviewNotice notice) {
        CommandContext commandContext = Context.getCommandContext();
        if (commandContext == null) {
            handOver(notice);
            return;
        }
        commandContext.getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, committed -> handOver(notice));
    }

    /** After the commit an exception would still reach the caller, who would think the task was not created. */
    private void handOver(ReviewNotice notice) {
        try {
            notifier.notify(notice);
        } catch (RuntimeException e) {
            log.warn("Request {}: {} not notified of task {}", notice.requestId(), notice.groupId(), notice.taskId(),
                    e);
        }
    }
}
