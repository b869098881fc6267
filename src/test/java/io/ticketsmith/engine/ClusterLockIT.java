package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.ticketsmith.support.PostgresTestDatabase;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The cluster lock on PostgreSQL, each "node" on connections of its own, as two nodes sharing the database have. */
class ClusterLockIT {

    private static final long KEY = ClusterLock.KNOWLEDGE_SYNC;
    // Other tests' nodes take locks in their own databases at the same time.
    private static final String THIS_DATABASE = "database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private final DriverManagerDataSource database = new DriverManagerDataSource(
            PostgresTestDatabase.fresh("ticketsmith_cluster_lock_it"), PostgresTestDatabase.user(),
            PostgresTestDatabase.password());

    @Test
    void aNodeTryingALockAnotherHoldsGetsNoneAndGetsItOnceReleased() {
        ClusterLock.Held first = ClusterLock.tryAcquire(database, KEY).orElseThrow();

        assertThat(ClusterLock.tryAcquire(database, KEY)).as("held by the first node").isEmpty();

        first.release();
        ClusterLock.Held second = ClusterLock.tryAcquire(database, KEY).orElseThrow();
        second.release();
    }

    @Test
    void aNodeWaitingForALockGetsItWhenTheHolderReleasesIt() throws Exception {
        ClusterLock.Held first = ClusterLock.acquire(database, KEY);
        CompletableFuture<ClusterLock.Held> waiting = CompletableFuture.supplyAsync(
                () -> ClusterLock.acquire(database, KEY));
        JdbcTemplate jdbc = new JdbcTemplate(database);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks "
                + "WHERE locktype = 'advisory' AND NOT granted AND " + THIS_DATABASE, Integer.class) == 1);
        assertThat(waiting).isNotDone();

        first.release();

        waiting.get(10, TimeUnit.SECONDS).release();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND "
                + THIS_DATABASE, Integer.class))
                .isZero();
    }
}
