package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.ticketsmith.support.ClusterNode;
import io.ticketsmith.support.PostgresTestDatabase;

import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes started at the same moment on one empty PostgreSQL database, as a fresh cluster or a container
 * orchestrator does: both start, one engine schema, each group, grant and filter once, each model file deployed once.
 */
class ClusterStartIT {

    @Test
    void twoNodesStartingTogetherOnAnEmptyDatabaseBothStartAndCreateEverythingOnce() throws Exception {
        String url = PostgresTestDatabase.fresh("ticketsmith_cluster_start_it");
        ExecutorService starters = Executors.newFixedThreadPool(2);
        CountDownLatch together = new CountDownLatch(2);
        List<Future<ConfigurableApplicationContext>> nodes = new ArrayList<>();
        for (String node : List.of("nodea", "nodeb")) {
            nodes.add(starters.submit(() -> {
                together.countDown();
                together.await();
                return ClusterNode.start(node, url, "--camunda.bpm.job-execution.enabled=false",
                        "--ticketsmith.llm.worker=false");
            }));
        }
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try {
            for (Future<ConfigurableApplicationContext> node : nodes) {
                started.add(node.get(180, TimeUnit.SECONDS));
            }

            JdbcTemplate jdbc = started.get(0).getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_id_group WHERE id_ = 'reviewers'", Integer.class))
                    .isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT group_id_, resource_type_, resource_id_, COUNT(*) AS n "
                    + "FROM act_ru_authorization WHERE group_id_ IS NOT NULL "
                    + "GROUP BY group_id_, resource_type_, resource_id_ HAVING COUNT(*) > 1")).isEmpty();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_filter WHERE name_ = 'My tasks'", Integer.class))
                    .isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT name_, COUNT(*) AS n FROM act_re_deployment GROUP BY name_ "
                    + "HAVING COUNT(*) > 1")).as("each model file deployed once").isEmpty();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_re_procdef WHERE key_ = 'handle-request'",
                    Integer.class)).isEqualTo(1);
            assertThat(idSpace(started.get(0).getBean(IdGenerator.class).getNextId()))
                    .as("the nodes hand out engine ids from id spaces of their own")
                    .isNotEqualTo(idSpace(started.get(1).getBean(IdGenerator.class).getNextId()));
            // Once started, one node makes the engine's indexes on empty columns partial, beside the running nodes.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(jdbc.queryForObject("SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x "
                        + "JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relname = 'act_idx_var_bytearray'",
                        String.class)).isEqualTo("(bytearray_id_ IS NOT NULL)");
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_class WHERE relname LIKE '%\\_sparse'",
                        Integer.class)).isZero();
            });
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid "
                    + "WHERE t.relname LIKE 'act\\_%' AND x.indpred IS NOT NULL", Integer.class))
                    .isGreaterThan(40);
        } finally {
            // Every node that did start is closed, even when the other failed, or its connections outlive the test.
            for (Future<ConfigurableApplicationContext> node : nodes) {
                try {
                    ConfigurableApplicationContext context = node.get(180, TimeUnit.SECONDS);
                    if (!started.contains(context)) {
                        started.add(context);
                    }
                } catch (Exception failedToStart) {
                    // reported by the assertion above
                }
            }
            started.forEach(ConfigurableApplicationContext::close);
            starters.shutdownNow();
        }
    }

    /** The id space of a {@link CompactIdGenerator} id: its length letter and that many digits. */
    private static String idSpace(String id) {
        return id.substring(0, id.charAt(0) - 'a' + 2);
    }
}
