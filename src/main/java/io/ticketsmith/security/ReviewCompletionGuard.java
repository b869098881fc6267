package io.ticketsmith.security;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.ticketsmith.engine.EngineCommands;
import io.ticketsmith.request.HandleRequestProcess.Variables;
import io.ticketsmith.request.HandleRequestProcess;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskDueDateCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskOwnerCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * What the product writes about a request (analysis, decisions, reviews, results, route) is written only by the
 * product. A person completing a review task sets only the review's own variables ({@link #REVIEW_VARIABLES}); no
 * one but an administrator sets or removes a request's variables any other way (a {@code PUT} on task or process
 * variables, their modification or deletion), nor changes who reviews it and by when. Only the outermost command a person sends is checked: what the
 * product's own listeners do inside it is the product's.
 */
@Component
class ReviewCompletionGuard extends AbstractProcessEnginePlugin {

    /** What a review task's completion may set. */
    static final Set<String> REVIEW_VARIABLES = Set.of(Variables.REVIEW_DECISION.name(),
            Variables.REVIEW_COMMENT.name(), Variables.ACTIONS.name());

    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addPostInterceptor(configuration, new Guard());
    }

    static final class Guard extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            int depth = DEPTH.get();
            if (depth == 0) {
                check(command);
            }
            DEPTH.set(depth + 1);
            try {
                return next.execute(command);
            } finally {
                DEPTH.set(depth);
            }
        }
    }

    private static void check(Command<?> command) {
        CommandContext context = Context.getCommandContext();
        if (EngineCommands.checkedPerson(context, TicketsmithGroups.ADMINS) == null) {
            return;
        }
        if (command instanceof CompleteTaskCmd complete) {
            checkCompletion(context, EngineCommands.field(complete, CompleteTaskCmd.class, "taskId", String.class),
                    EngineCommands.field(complete, CompleteTaskCmd.class, "variables", Map.class));
        } else if (command instanceof SubmitTaskFormCmd submit) {
            checkCompletion(context, EngineCommands.field(submit, SubmitTaskFormCmd.class, "taskId", String.class),
                    EngineCommands.field(submit, SubmitTaskFormCmd.class, "properties", Map.class));
        } else if (command instanceof SetTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd) {
            refuseOnRequest(isRequestTask(context, EngineCommands.field(command, AbstractVariableCmd.class, "entityId", String.class)));
        } else if (command instanceof PatchTaskVariablesCmd) {
            refuseOnRequest(isRequestTask(context,
                    EngineCommands.field(command, AbstractPatchVariablesCmd.class, "entityId", String.class)));
        } else if (command instanceof AssignTaskCmd) {
            return; // claiming, unclaiming and assigning are what candidates do with a review
        } else if (command instanceof AbstractAddIdentityLinkCmd || command instanceof SetTaskDueDateCmd
                || command instanceof SetTaskOwnerCmd || command instanceof SetTaskPriorityCmd) {
            refuseChange(isRequestTask(context, EngineCommands.field(command, AbstractSetTaskPropertyCmd.class, "taskId", String.class)));
        } else if (command instanceof DeleteIdentityLinkCmd) {
            refuseChange(isRequestTask(context, EngineCommands.field(command, DeleteIdentityLinkCmd.class, "taskId", String.class)));
        } else if (command instanceof SaveTaskCmd save) {
            TaskEntity task = EngineCommands.field(save, SaveTaskCmd.class, "task", TaskEntity.class);
            refuseChange(task != null && isRequestTask(context, task.getId()));
        } else if (command instanceof AbstractVariableCmd) {
            refuseOnRequest(isRequestExecution(context,
                    EngineCommands.field(command, AbstractVariableCmd.class, "entityId", String.class)));
        } else if (command instanceof AbstractPatchVariablesCmd) {
            refuseOnRequest(isRequestExecution(context,
                    EngineCommands.field(command, AbstractPatchVariablesCmd.class, "entityId", String.class)));
        }
    }

    private static void checkCompletion(CommandContext context, String taskId, Map<?, ?> variables) {
        if (!isRequestTask(context, taskId) || variables == null) {
            return;
        }
        Set<String> refused = new TreeSet<>();
        for (Object name : variables.keySet()) {
            if (!REVIEW_VARIABLES.contains(String.valueOf(name))) {
                refused.add(String.valueOf(name));
            }
        }
        if (!refused.isEmpty()) {
            throw new BadUserRequestException("A review sets only " + new TreeSet<>(REVIEW_VARIABLES) + "; not "
                    + refused);
        }
    }

    private static void refuseOnRequest(boolean request) {
        if (request) {
            throw new BadUserRequestException("A request's variables are written by the request process; a review "
                    + "sets its decision, comment and actions by completing its task");
        }
    }

    /**
     * A review's candidates claim, unclaim and complete it; who else may decide and by when is the guardrails'
     * (candidate groups, due date, priority, owner), so a reviewer cannot hand it to another group or move it away.
     */
    private static void refuseChange(boolean request) {
        if (request) {
            throw new BadUserRequestException("A review's candidates, due date, priority and owner are the "
                    + "guardrails' and the escalation's to set");
        }
    }

    private static boolean isRequestTask(CommandContext context, String taskId) {
        TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
        return task != null && HandleRequestProcess.KEY.equals(
                EngineCommands.processDefinitionKey(context, task.getProcessDefinitionId()));
    }

    private static boolean isRequestExecution(CommandContext context, String executionId) {
        ExecutionEntity execution = executionId == null ? null
                : context.getExecutionManager().findExecutionById(executionId);
        return execution != null && execution.getProcessDefinition() != null
                && HandleRequestProcess.KEY.equals(execution.getProcessDefinition().getKey());
    }
}
