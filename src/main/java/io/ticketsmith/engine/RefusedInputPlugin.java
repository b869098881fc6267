package io.ticketsmith.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Lets a {@link RefusedInputException} thrown by a listener reach the caller as itself. The engine wraps every
 * exception a task or execution listener throws into a generic one ("There was an exception while invoking the
 * TaskListener"), which the engine REST API answers with 500 and a message full of engine codes, and which the
 * engine logs as an error with its stack trace. Unwrapped, it is a 400 with the rule's own words, logged at debug.
 */
@Component
class RefusedInputPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineCommands.addPostInterceptor(configuration, new UnwrapRefusals());

        CommandContextFactory contexts = new CommandContextFactory() {
            @Override
            public CommandContext createCommandContext() {
                return new CommandContext(processEngineConfiguration) {
                    @Override
                    protected boolean shouldLogFine(Throwable exception) {
                        return exception instanceof RefusedInputException || super.shouldLogFine(exception);
                    }
                };
            }
        };
        contexts.setProcessEngineConfiguration(configuration);
        configuration.setCommandContextFactory(contexts);
    }

    static final class UnwrapRefusals extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (RuntimeException e) {
                RefusedInputException refusal = refusalIn(e);
                throw refusal != null ? refusal : e;
            }
        }
    }

    static RefusedInputException refusalIn(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof RefusedInputException refusal) {
                return refusal;
            }
        }
        return null;
    }
}
