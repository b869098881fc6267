package io.ticketsmith.review;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import java.util.List;

import io.ticketsmith.guardrails.GuardrailOutcome;
import io.ticketsmith.models.DecisionTables.Route;
import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.request.HandleRequestProcess.ReviewedActions;
import io.ticketsmith.security.TicketsmithGroups;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After "Check reviewed actions": the guardrails decide again, on the actions as the reviewer approved them, so an
 * edit cannot carry out what the table refuses (a protected assignee, a refused project), and an edit the table
 * wants another group to see goes to that group. Leads may approve whatever reviewers may (escalation offers
 * reviewers' tasks to them), administrators anything the table does not refuse, and a completion made by the
 * application itself (no person authenticated) is not sent round again.
 */
@Component
class ReviewedActionsListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ReviewedActionsListener.class);

    @Override
    public void notify(DelegateExecution execution) {
        GuardrailOutcome outcome = GuardrailOutcome.of(Variables.decidedRow(execution));
        Authentication approver = Context.getCommandContext() == null ? null
                : Context.getCommandContext().getAuthentication();
        ReviewedActions verdict = verdict(outcome, approver == null || approver.getUserId() == null ? null
                : approver.getGroupIds() == null ? List.of() : approver.getGroupIds());
        Variables.REVIEWED_ACTIONS.set(execution, verdict.name());
        switch (verdict) {
            case REFUSE -> {
                Variables.ROUTE.set(execution, Route.REJECT.value());
                Variables.GUARDRAIL_REASON.set(execution, "The approved actions are refused: " + outcome.reason());
            }
            case REVIEW -> {
                Variables.REVIEWER_GROUP.set(execution, outcome.reviewerGroup());
                Variables.GUARDRAIL_REASON.set(execution, outcome.reason());
                Variables.REVIEW_DUE.set(execution, outcome.reviewDue());
                Variables.REVIEW_DUE_AT.set(execution,
                        outcome.reviewDueAt(ClockUtil.getCurrentTime()));
            }
            case EXECUTE -> { }
        }
        if (verdict != ReviewedActions.EXECUTE) {
            log.info("Request {}: the approved actions go to {} ({})", execution.getProcessBusinessKey(), verdict,
                    verdict == ReviewedActions.REVIEW ? outcome.reviewerGroup() : "refused by the guardrails");
        }
    }

    /**
     * @param approverGroups the groups of the person who approved; null when the application completed the review
     */
    static ReviewedActions verdict(GuardrailOutcome outcome, List<String> approverGroups) {
        if (outcome.route() == Route.REJECT) {
            return ReviewedActions.REFUSE;
        }
        if (outcome.route() == Route.AUTO || approverGroups == null
                || approverGroups.contains(outcome.reviewerGroup())
                || approverGroups.contains(HandleRequestProcess.Groups.LEADS)
                || approverGroups.contains(TicketsmithGroups.ADMINS)) {
            return ReviewedActions.EXECUTE;
        }
        return ReviewedActions.REVIEW;
    }
}
