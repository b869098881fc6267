package io.ticketsmith.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh database on the local PostgreSQL server for integration tests. Server, user and password
 * come from IT_POSTGRES_URL (default jdbc:postgresql://localhost:5432/postgres), IT_POSTGRES_USER
 * (default postgres) and IT_POSTGRES_PASSWORD (default empty). An unreachable server fails the test
 * with instructions; it never skips.
 */
public final class PostgresTestDatabase {

    private static final String ADMIN_URL = env("IT_POSTGRES_URL", "jdbc:postgresql://localhost:5432/postgres");
    private static final String USER = env("IT_POSTGRES_USER", "postgres");
    private static final String PASSWORD = env("IT_POSTGRES_PASSWORD", "");

    private PostgresTestDatabase() {
    }

    /** Drops and recreates {@code name}, then points the application's datasource at it. */
    public static void register(DynamicPropertyRegistry registry, String name) {
        recreate(name);
        registry.add("spring.datasource.url", () -> databaseUrl(name));
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    /**
     * The application of the postgres profile on a fresh database {@code name}: that profile creates no demo
     * users, so a throwaway administrator ({@code itadmin}, a new password per run) stands in for the one
     * production takes from the environment.
     */
    public static void registerWithThrowawayAdmin(DynamicPropertyRegistry registry, String name) {
        register(registry, name);
        registry.add("camunda.bpm.admin-user.id", () -> "itadmin");
        registry.add("camunda.bpm.admin-user.password", () -> "admin-" + System.nanoTime());
    }

    /** Drops and recreates {@code name}; its JDBC URL, for applications a test starts itself. */
    public static String fresh(String name) {
        recreate(name);
        return databaseUrl(name);
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    public static String databaseUrl(String name) {
        int slash = ADMIN_URL.lastIndexOf('/');
        int query = ADMIN_URL.indexOf('?', slash);
        return ADMIN_URL.substring(0, slash + 1) + name + (query < 0 ? "" : ADMIN_URL.substring(query));
    }

    private static void recreate(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + ADMIN_URL + " as user " + USER
                    + " (" + e.getMessage() + "). Integration tests need a running PostgreSQL server: start the local one with "
                    + "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', or point "
                    + "IT_POSTGRES_URL, IT_POSTGRES_USER and IT_POSTGRES_PASSWORD at another server.", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
