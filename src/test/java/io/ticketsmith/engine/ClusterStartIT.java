package io.ticketsmith.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.ticketsmith.TicketsmithApplication;
import io.ticketsmith.support.PostgresTestDatabase;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
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
        String adminPassword = "admin-" + System.nanoTime();
        ExecutorService starters = Executors.newFixedThreadPool(2);
        CountDownLatch together = new CountDownLatch(2);
        List<Future<ConfigurableApplicationContext>> nodes = new ArrayList<>();
        for (String node : List.of("nodea", "nodeb")) {
            nodes.add(starters.submit(() -> {
                together.countDown();
                together.await();
                // Arguments, as an operator passes them: they take precedence over the profile's settings.
                return new SpringApplicationBuilder(TicketsmithApplication.class).profiles("postgres").run(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + PostgresTestDatabase.user(),
                        "--spring.datasource.password=" + PostgresTestDatabase.password(),
                        "--server.port=0",
                        "--camunda.bpm.process-engine-name=" + node,
                        "--camunda.bpm.admin-user.id=itadmin",
                        "--camunda.bpm.admin-user.password=" + adminPassword,
                        "--camunda.bpm.job-execution.enabled=false",
                        "--ticketsmith.llm.worker=false",
                        "--ticketsmith.models.watch=false");
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
        } finally {
            started.forEach(ConfigurableApplicationContext::close);
            starters.shutdownNow();
        }
    }
}
