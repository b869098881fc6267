package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/** What {@link SparseEngineIndexes} reports when PostgreSQL fails it; its work on a real database is in the IT. */
class SparseEngineIndexesTest {

    private final DataSource dataSource = mock(DataSource.class);
    private final Connection connection = mock(Connection.class);
    private final Statement statement = mock(Statement.class);

    SparseEngineIndexesTest() throws SQLException {
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.createStatement()).thenReturn(statement);
    }

    @Test
    void aConnectionThatBreaksReportsWhatFailedNotThatItCouldNotResetItsTimeout() throws SQLException {
        SQLException lockTimeout = new SQLException("canceling statement due to lock timeout", "55P03");
        SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        when(statement.executeQuery(anyString())).thenThrow(lockTimeout);
        when(statement.execute("RESET lock_timeout")).thenThrow(broken);

        assertThatThrownBy(() -> SparseEngineIndexes.makeSparse(dataSource))
                .isSameAs(lockTimeout)
                .satisfies(failure -> assertThat(failure.getSuppressed()).containsExactly(broken));
        verify(statement).close();
        verify(connection).close();
    }

    @Test
    void aFailureLeavesTheConnectionWithItsTimeoutResetBeforeItGoesBackToThePool() throws SQLException {
        SQLException lockTimeout = new SQLException("canceling statement due to lock timeout", "55P03");
        when(statement.executeQuery(anyString())).thenThrow(lockTimeout);

        assertThatThrownBy(() -> SparseEngineIndexes.addLockedJobsIndex(dataSource)).isSameAs(lockTimeout)
                .satisfies(failure -> assertThat(failure.getSuppressed()).isEmpty());
        verify(statement).execute("SET lock_timeout = '5min'");
        verify(statement).execute("RESET lock_timeout");
        verify(connection).close();
    }
}
