package io.ticketsmith.engine;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nodes starting together migrate Ticketsmith's tables one after the other: two Flyway runs on an empty schema both
 * created the history table and one failed ("Unable to baseline schema history table ... as it already exists,
 * and is empty"). The migration holds the same start lock as the engine's start ({@link ClusterStartLock}); the next
 * node finds the tables migrated.
 */
@Configuration(proxyBeanMethods = false)
class ClusterMigrations {

    @Bean
    FlywayMigrationStrategy oneNodeAtATime(DataSource dataSource) {
        return flyway -> ClusterLock.holding(dataSource, ClusterLock.START, flyway::migrate);
    }
}
