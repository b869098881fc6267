package io.ticketsmith.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    IdentityBootstrap identityBootstrap(SecurityProperties properties) {
        return new IdentityBootstrap(properties);
    }

    @Bean
    @ConditionalOnProperty(name = "ticketsmith.security.demo-users", havingValue = "false", matchIfMissing = true)
    AdminCredentialsCheck adminCredentialsCheck(Environment environment) {
        return new AdminCredentialsCheck(environment);
    }
}
