package io.ticketsmith.request;


import io.ticketsmith.engine.EngineCommands;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Makes {@link RequestEndedListener} part of the engine rather than of the model: a listener in the model is a
 * custom listener, which cancelling an instance in Cockpit skips by default ("skip custom listeners" is ticked), so a
 * cancelled request never became FAILED, kept its vault rows and was never counted. Attached as a built-in
 * listener to every version of {@code handle-request}, it runs however the request ends. Versions deployed before
 * still declare it in the model; those keep their own and get no second one.
 */
@Component
class RequestEndHook extends AbstractProcessEnginePlugin {

    private static final String DECLARED = "${requestEndedListener}";

    private final RequestEndedListener listener;

    RequestEndHook(RequestEndedListener listener) {
        this.listener = listener;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addPostParseListener(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
                if (HandleRequestProcess.KEY.equals(process.getKey()) && !declaresListener(processElement)) {
                    process.addBuiltInListener(ExecutionListener.EVENTNAME_END, listener);
                }
            }
        });
    }

    private static boolean declaresListener(Element processElement) {
        Element extensions = processElement.element("extensionElements");
        if (extensions == null) {
            return false;
        }
        return extensions.elements().stream()
                .anyMatch(element -> "executionListener".equals(element.getTagName())
                        && DECLARED.equals(element.attribute("delegateExpression")));
    }
}
