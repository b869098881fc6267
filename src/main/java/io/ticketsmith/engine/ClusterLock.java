package io.ticketsmith.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A lock that every node of a cluster sharing one PostgreSQL database respects: a session-level advisory lock on a
 * connection of its own, released when the work is done or, should the node die, when its connection closes. On
 * other databases (H2 in the single-node demo) there is no second node and the work runs at once.
 */
public final class ClusterLock {

    /** The nodes' start-up: schema creation, groups, grants and filters, the model folders' first deployment. */
    public static final long START = 0x5453_0001L;
    /** Deploying from the model folders: the latest-version check and the deployment, one node at a time. */
    public static final long MODEL_DEPLOYMENT = 0x5453_0002L;
    /** Syncing Jira and Confluence into the knowledge index: one node at a time, the others skip their run. */
    public static final long KNOWLEDGE_SYNC = 0x5453_0003L;
    /** Making the engine's indexes on empty columns partial: one node at a time, the others skip it. */
    public static final long ENGINE_INDEXES = 0x5453_0004L;

    private ClusterLock() {
    }

    /** Runs {@code work} holding the lock {@code key}, waiting for it as long as another node holds it. */
    public static <T> T holding(DataSource dataSource, long key, Supplier<T> work) {
        Held held = acquire(dataSource, key);
        try {
            return work.get();
        } finally {
            held.release();
        }
    }

    /** Takes the lock {@code key} until {@link Held#release()}; a no-op lock on databases other than PostgreSQL. */
    public static Held acquire(DataSource dataSource, long key) {
        return take(dataSource, key, true).orElseThrow();
    }

    /**
     * Takes the lock {@code key} if no other node holds it, without waiting; empty when another does. On databases
     * other than PostgreSQL always a no-op lock.
     */
    public static java.util.Optional<Held> tryAcquire(DataSource dataSource, long key) {
        return take(dataSource, key, false);
    }

    private static java.util.Optional<Held> take(DataSource dataSource, long key, boolean wait) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return java.util.Optional.of(() -> { });
            }
            connection.setAutoCommit(true);
            boolean taken;
            try (PreparedStatement lock = connection.prepareStatement(
                    wait ? "SELECT pg_advisory_lock(?)" : "SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, key);
                try (var result = lock.executeQuery()) {
                    // pg_advisory_lock returns (void) once it holds the lock; the try variant says whether it got it.
                    taken = wait || result.next() && result.getBoolean(1);
                }
            }
            if (!taken) {
                connection.close();
                return java.util.Optional.empty();
            }
            Connection locked = connection;
            return java.util.Optional.of(() -> {
                try (locked; PreparedStatement unlock = locked.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, key);
                    unlock.execute();
                } catch (SQLException e) {
                    // Closing the connection ends the session, and with it the lock.
                }
            });
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw new DataAccessResourceFailureException("Cannot take the cluster lock " + key, e);
        }
    }

    /** A lock held until released. */
    @FunctionalInterface
    public interface Held {
        void release();
    }
}
