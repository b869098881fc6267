package io.ticketsmith.request;

import static io.ticketsmith.request.HandleRequestProcess.Variables;

import io.ticketsmith.safety.InjectionScreen;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Screen for prompt injection": scores the redacted text before any LLM sees it. The level is an input of the
 * guardrails, which decide what a suspected or strong attempt means (review, or refusal).
 */
@Component
class ScreenRequestDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(ScreenRequestDelegate.class);

    private final InjectionScreen screen;

    ScreenRequestDelegate(InjectionScreen screen) {
        this.screen = screen;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InjectionScreen.Screening screening = screen.screen(Variables.REQUEST_TEXT.get(execution));
        Variables.INJECTION_SCORE.set(execution, screening.score());
        Variables.INJECTION_LEVEL.set(execution, screening.level());
        Variables.INJECTION_SIGNALS.set(execution, screening.signals());
        if (!"none".equals(screening.level())) {
            log.warn("Request {}: possible prompt injection ({}, score {}): {}", execution.getProcessBusinessKey(),
                    screening.level(), screening.score(), screening.signals());
        }
    }
}
