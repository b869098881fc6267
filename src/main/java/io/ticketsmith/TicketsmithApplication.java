package io.ticketsmith;

import java.time.Clock;

import io.ticketsmith.config.HttpClientConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TicketsmithApplication {

    public static void main(String[] args) {
        HttpClientConfiguration.useCommonPoolForCompletions();
        HttpClientConfiguration.useFreshConnections();
        SpringApplication.run(TicketsmithApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
