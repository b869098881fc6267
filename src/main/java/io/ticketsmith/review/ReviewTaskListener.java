package io.ticketsmith.review;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.ticketsmith.analysis.AnalysisValidator;
import io.ticketsmith.analysis.ProposedAction;
import io.ticketsmith.engine.RefusedInputException;
import io.ticketsmith.knowledge.Neighbour;
import io.ticketsmith.observability.TicketsmithMetrics;
import io.ticketsmith.reply.ReplyChecks;
import io.ticketsmith.reply.ReplyFinding;
import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.request.ProcessVariable;
import io.ticketsmith.request.RequestVariables;
import io.ticketsmith.request.Review;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Review proposed actions": on create, remembers the actions the reviewer is shown and gives the review form
 * its working copy; on complete, checks the decision (a rejection needs a comment, approved actions must be
 * valid) and records who decided, when and what they changed. A check that fails refuses the completion with
 * its message, so Tasklist shows it and the task stays open with nothing lost.
 *
 * <p>The form edits a task-local copy of {@code actions} in the shape its fields can hold (labels as one
 * text), because a Camunda Form's text field cannot show a list. Tasklist submits the form into that copy;
 * an API client completing the task sets the request's {@code actions} instead. Whichever of the two differs
 * from what was proposed is the reviewer's edit, and only the request's own {@code actions} is written.
 */
@Component
class ReviewTaskListener implements TaskListener {

    private static final Logger log = LoggerFactory.getLogger(ReviewTaskListener.class);
    /** The engine stores at most 4000 characters of a string variable. */
    private static final int MAX_COMMENT = 4000;

    private final TicketsmithMetrics metrics;
    private final ReplyChecks replyChecks;
    private final AnalysisValidator validator = new AnalysisValidator();

    ReviewTaskListener(TicketsmithMetrics metrics, ReplyChecks replyChecks) {
        this.metrics = metrics;
        this.replyChecks = replyChecks;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> opened(task);
            case EVENTNAME_COMPLETE -> completed(task);
            default -> { }
        }
    }

    private void opened(DelegateTask task) {
        List<ProposedAction> actions = Variables.ACTIONS.getOrDefault(task, List.of());
        Variables.PROPOSED_ACTIONS.set(task, actions);
        Variables.ACTIONS.setLocal(task, ReviewForm.actions(actions));
        // Tasklist's task list shows a filter's variables only where the user may read them; reviewers may read
        // their tasks but not every request, so the task carries its own copy of what the list shows.
        for (ProcessVariable<String> shown : Variables.REVIEW_TASK_CARD) {
            task.setVariableLocal(shown.name(), shown.get(task));
        }
        task.setVariableLocal(Variables.SIMILAR_SUMMARY.name(), similarSummary(Variables.SIMILAR.getOrDefault(task,
                List.of())));
        task.setVariableLocal(Variables.REPLY_FINDINGS.name(), replyFindings(task, actions));
        // A review entered again (Jira refused an action) starts without the previous round's decision, and is due
        // the guardrails' time from now, not at the first round's due date, which has passed.
        String due = Variables.REVIEW_DUE.get(task);
        if (due != null) {
            task.setDueDate(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.parse(due))));
        }
        Variables.REVIEW_DECISION.set(task, null);
        Variables.REVIEW_COMMENT.set(task, null);
    }

    /** What the reply check found in the draft replies, and how they were written when that went wrong. */
    private String replyFindings(DelegateTask task, List<ProposedAction> actions) {
        List<String> lines = new ArrayList<>(Variables.REPLY_NOTES.getOrDefault(task, List.of()));
        List<ReplyFinding> findings = checkReplies(task, actions);
        if (!findings.isEmpty()) {
            lines.add(ReplyChecks.describe(findings));
        }
        return String.join("\n", lines);
    }

    private List<ReplyFinding> checkReplies(DelegateTask task, List<ProposedAction> actions) {
        return replyChecks.check(task.getExecution().getProcessBusinessKey(), Variables.SOURCE.get(task),
                Variables.REPORTER.get(task), actions);
    }

    /** "WEB-1412 · Login page 500 after deploy (DONE, similarity 0.91)", one line per neighbour; empty for none. */
    static String similarSummary(List<Neighbour> similar) {
        return String.join("\n", similar.stream()
                .map(neighbour -> neighbour.describe() + (neighbour.link() == null ? "" : " " + neighbour.link()))
                .toList());
    }

    /** The actions as decided: the form's edited copy, or what an API client set on the request. */
    private List<ProposedAction> decidedActions(DelegateTask task, List<ProposedAction> proposed) {
        List<ProposedAction> fromRequest = Variables.ACTIONS.getOrDefault(task.getExecution(), List.of());
        if (!fromRequest.equals(proposed) || !task.hasVariableLocal(Variables.ACTIONS.name())) {
            return fromRequest;
        }
        return RequestVariables.actionsFrom(task.getVariableLocal(Variables.ACTIONS.name()));
    }

    private void completed(DelegateTask task) {
        String decision = Variables.REVIEW_DECISION.get(task);
        String submittedComment = Variables.REVIEW_COMMENT.get(task);
        String comment = fitComment(submittedComment);
        if (!HandleRequestProcess.ReviewDecision.APPROVE.equals(decision)
                && !HandleRequestProcess.ReviewDecision.REJECT.equals(decision)) {
            throw new RefusedInputException("Choose a decision: reviewDecision must be 'approve' or 'reject'");
        }
        if (HandleRequestProcess.ReviewDecision.REJECT.equals(decision) && (comment == null || comment.isBlank())) {
            throw new RefusedInputException("A rejection needs a comment saying why");
        }
        List<ProposedAction> proposed = Variables.PROPOSED_ACTIONS.getOrDefault(task, List.of());
        List<ProposedAction> decided;
        try {
            decided = decidedActions(task, proposed);
        } catch (IllegalArgumentException e) {
            throw new RefusedInputException("The edited actions cannot be read: " + e.getMessage(), e);
        }
        if (HandleRequestProcess.ReviewDecision.APPROVE.equals(decision)) {
            List<String> errors = validator.validateActions(decided);
            if (!errors.isEmpty()) {
                throw new RefusedInputException("The actions cannot be approved as they are: "
                        + String.join("; ", errors));
            }
            List<ReplyFinding> blocking = checkReplies(task, decided).stream().filter(ReplyFinding::blocking).toList();
            if (!blocking.isEmpty()) {
                throw new RefusedInputException("The reply cannot be sent as it is: " + String.join("; ",
                        blocking.stream().map(ReplyFinding::describe).toList()));
            }
        }
        List<Map<String, Object>> changes = ActionChanges.between(proposed, decided);
        String reviewer = reviewer(task);
        var now = ClockUtil.getCurrentTime();

        task.removeVariableLocal(Variables.ACTIONS.name());
        Variables.ACTIONS.set(task.getExecution(), decided);
        if (!Objects.equals(comment, submittedComment)) {
            Variables.REVIEW_COMMENT.set(task, comment);
        }
        Variables.REVIEWED_BY.set(task, reviewer);
        Variables.REVIEWED_AT.set(task, now);
        Variables.REVIEW_CHANGES.set(task, changes);

        List<Review> reviews = new ArrayList<>(Variables.REVIEWS.getOrDefault(task, List.of()));
        reviews.add(new Review(reviewer, now.toInstant().toString(), decision, comment, changes,
                Variables.JIRA_ERROR.get(task)));
        Variables.REVIEWS.set(task, reviews);
        String counted = HandleRequestProcess.ReviewDecision.REJECT.equals(decision) ? "rejected"
                : changes.isEmpty() ? "approved" : "edited";
        metrics.reviewDecision(counted, java.time.Duration.between(task.getCreateTime().toInstant(), now.toInstant()));
        log.info("Request {}: {} by {} with {} change(s)", task.getExecution().getProcessBusinessKey(), decision,
                reviewer, changes.size());
    }

    /**
     * Cut like the request text rather than refused: the review form stops longer comments in Tasklist, but nothing
     * stops someone completing the task through the engine REST API, and a longer value would fail the completion on
     * PostgreSQL.
     */
    private static String fitComment(String comment) {
        return comment == null || comment.length() <= MAX_COMMENT ? comment
                : comment.substring(0, MAX_COMMENT - 1) + "…";
    }

    /** The person completing the task: the logged-in user, or the assignee when completed by the system. */
    private static String reviewer(DelegateTask task) {
        String authenticated = Context.getCommandContext() == null
                ? null
                : Context.getCommandContext().getAuthenticatedUserId();
        if (authenticated != null) {
            return authenticated;
        }
        return task.getAssignee() != null ? task.getAssignee() : "unknown";
    }
}
