package io.ticketsmith.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.springframework.stereotype.Component;

/** Jobs failing with a {@link NonRetryable} cause use up their retries at once, which raises the incident. */
@Component
class NonRetryableFailuresPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory((jobId, exception) -> new DefaultJobRetryCmd(jobId, exception) {
            @Override
            protected void decrementRetries(JobEntity job) {
                if (isNonRetryable(exception)) {
                    job.setRetries(0);
                } else {
                    super.decrementRetries(job);
                }
            }
        });
    }

    static boolean isNonRetryable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NonRetryable) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
