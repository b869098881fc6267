package io.ticketsmith.jira;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JiraConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JiraConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(JiraGateway.class)
    JiraGateway dryRunJiraGateway() {
        log.warn("No Jira is configured: approved actions are recorded in the action ledger and logged, not sent");
        return new DryRunJiraGateway();
    }
}
