package io.ticketsmith.knowledge;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 database with the application's schema, migrated as the application migrates it. */
final class KnowledgeTables {

    private KnowledgeTables() {
    }

    static DriverManagerDataSource freshDatabase(String name) {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return database;
    }
}
