package io.ticketsmith.request;

import io.ticketsmith.engine.EngineCommands;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells this node's analysis worker that an {@code analyze-request} task exists as soon as the transaction creating
 * it commits, as the engine tells its job executor of a new job, so the task is fetched at once rather than at the
 * worker's next poll ({@code ticketsmith.llm.poll-interval}), which cost half an interval on average between
 * accepting a request and its LLM call. Tasks created on other nodes are still found by polling. Built into every
 * model with such a task, whatever its version, like {@link RequestEndHook}.
 */
@Component
class AnalysisTaskHint extends AbstractProcessEnginePlugin {

    /** Resolved when a task is created: the worker needs the engine this plugin helps to build. */
    private final ObjectProvider<AnalyzeRequestPoller> worker;

    AnalysisTaskHint(ObjectProvider<AnalyzeRequestPoller> worker) {
        this.worker = worker;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        ExecutionListener hint = execution -> Context.getCommandContext().getTransactionContext()
                .addTransactionListener(TransactionState.COMMITTED, committed -> worker.ifAvailable(
                        AnalyzeRequestPoller::taskCreated));
        EngineCommands.addPostParseListener(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element serviceTask, ScopeImpl scope, ActivityImpl activity) {
                if ("external".equals(serviceTask.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "type"))
                        && HandleRequestProcess.Topics.ANALYZE_REQUEST.equals(
                                serviceTask.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "topic"))) {
                    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, hint);
                }
            }
        });
    }
}
