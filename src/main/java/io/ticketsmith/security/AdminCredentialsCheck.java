package io.ticketsmith.security;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;

/**
 * Without demo users there is no default password: the administrator must come from the environment.
 * Failing here gives one clear message instead of an application nobody can log in to.
 */
class AdminCredentialsCheck implements InitializingBean {

    private final Environment environment;

    AdminCredentialsCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        boolean hasId = hasText("camunda.bpm.admin-user.id");
        boolean hasPassword = hasText("camunda.bpm.admin-user.password");
        if (!hasId || !hasPassword) {
            throw new IllegalStateException("No administrator configured: set the environment variables "
                    + "CAMUNDA_BPM_ADMIN_USER_ID and CAMUNDA_BPM_ADMIN_USER_PASSWORD (missing: "
                    + (hasId ? "" : "CAMUNDA_BPM_ADMIN_USER_ID ") + (hasPassword ? "" : "CAMUNDA_BPM_ADMIN_USER_PASSWORD")
                    + "). Demo users with default passwords exist only in the embedded demo profile.");
        }
    }

    private boolean hasText(String property) {
        String value = environment.getProperty(property);
        return value != null && !value.isBlank();
    }
}
