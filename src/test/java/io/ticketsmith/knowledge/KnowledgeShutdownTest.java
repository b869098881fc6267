package io.ticketsmith.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** Finished requests queued for the index when the node stops are indexed before the database goes away. */
class KnowledgeShutdownTest {

    private static final LocalEmbeddingModel MODEL = new LocalEmbeddingModel();

    private KnowledgeIndex index;
    private Knowledge knowledge;

    @BeforeEach
    void knowledge() throws Exception {
        DriverManagerDataSource database = KnowledgeTables.freshDatabase("knowledge-shutdown");
        index = new KnowledgeIndex(new JdbcTemplate(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)), MODEL, new ObjectMapper(),
                Clock.systemUTC());
        knowledge = new Knowledge(index, new KnowledgeProperties(true, 5, 0.5,
                new KnowledgeProperties.Cache(true, 0.95, Duration.ofHours(24)), 0.55, LocalEmbeddingModel.Variant.QUANTISED),
                Clock.systemUTC());
    }

    @Test
    void whatIsQueuedWhenTheNodeStopsIsIndexedBeforeCloseReturns() {
        for (int request = 1; request <= 40; request++) {
            knowledge.indexFinishedRequest("r-" + request, "Ticket " + request + ": the export to CSV fails with error "
                    + (4000 + request) + " since the last release, every night", "Export fails", "DONE", null);
        }

        knowledge.close();

        assertThat(index.size()).isEqualTo(40);
    }

    @Test
    void aRequestFinishingAfterTheStopIsNotIndexedAndFailsNothing() {
        knowledge.close();

        assertThatCode(() -> knowledge.indexFinishedRequest("late", "The VPN drops every few minutes", "VPN drops",
                "DONE", null)).doesNotThrowAnyException();
        assertThat(index.size()).isZero();
    }
}
