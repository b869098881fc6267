package io.ticketsmith.remote;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
class RemoteConfiguration {

    @Bean
    SharedBackoff sharedBackoff(JdbcTemplate jdbc, Clock clock) {
        return new SharedBackoff(jdbc, clock);
    }
}
