package io.ticketsmith.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.IdGenerator;

/**
 * The engine's ids, a quarter of the length of a UUID and unique across the nodes sharing a database.
 * <p>
 * Every row the engine writes carries five to seven ids (its own, its process instance's, its root's, its
 * execution's, its definition's, ...), and most of the engine's indexes are on them; with 36-character UUIDs they were
 * more than a third of a request's history. Each node start takes a number from the database sequence
 * {@code ts_engine_id_space} that no node ever takes again, and the ids it hands out are that number followed by a
 * counter: {@code a5a0}, {@code a5a1}, ... {@code a5d1ekw} after a million. Both numbers are written in base 36 after
 * a letter giving their length ({@code a} for one digit, {@code b} for two, ...), so no two pairs give the same id, an
 * id never equals one of the engine's other generators' (a UUID has dashes, a database id only digits), and a node's
 * ids sort in the order it made them, which keeps the indexes on them filled from the right.
 */
final class CompactIdGenerator implements IdGenerator {

    static final String SEQUENCE = "ts_engine_id_space";

    private final String space;
    private final AtomicLong counter = new AtomicLong();

    CompactIdGenerator(long space) {
        if (space < 0) {
            throw new IllegalArgumentException("An id space is not negative: " + space);
        }
        this.space = lengthPrefixed(space);
    }

    /** A generator for a new id space, taken from {@code dataSource}'s sequence. */
    static CompactIdGenerator forNewSpace(DataSource dataSource) {
        return new CompactIdGenerator(nextSpace(dataSource));
    }

    @Override
    public String getNextId() {
        return space + lengthPrefixed(counter.getAndIncrement());
    }

    static String lengthPrefixed(long number) {
        String digits = Long.toString(number, Character.MAX_RADIX);
        return (char) ('a' + digits.length() - 1) + digits;
    }

    private static long nextSpace(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            try (ResultSet next = statement.executeQuery(postgres ? "SELECT nextval('" + SEQUENCE + "')"
                    : "SELECT NEXT VALUE FOR " + SEQUENCE)) {
                next.next();
                return next.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take an id space from the sequence " + SEQUENCE, e);
        }
    }
}
