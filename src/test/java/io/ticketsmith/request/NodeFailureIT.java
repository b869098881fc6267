package io.ticketsmith.request;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.zaxxer.hikari.HikariDataSource;

import io.ticketsmith.intake.RequestIntake;
import io.ticketsmith.support.ClusterNode;
import io.ticketsmith.support.OpenAiStub;
import io.ticketsmith.support.PostgresTestDatabase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one PostgreSQL database, one of them dying in the middle of the work (its database connections cut,
 * then its context gone, so it neither finishes nor hands anything back): the other node finishes every request,
 * each once, within the short locks plus its normal time. The long version, with {@code kill -9} of real processes
 * under load, is the benchmark's fault run.
 */
class NodeFailureIT {

    private static final int REQUESTS = 12;
    /** The locks of this test: what "recovery within the lock time" comes to. */
    private static final Duration LOCK = Duration.ofSeconds(3);

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeFailureIT.class);

    private final WireMockServer openAi = new WireMockServer(wireMockConfig().dynamicPort());
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeEach
    void slowLlm() {
        openAi.start();
        // Slow enough that requests are in flight on both nodes when one dies.
        openAi.stubFor(OpenAiStub.chatCompletion().willReturn(
                OpenAiStub.answer(AnalysisFixtures.json(AnalysisFixtures.loginBug())).withFixedDelay(1500)));
    }

    @AfterEach
    void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        openAi.stop();
    }

    @Test
    void whenANodeDiesMidFlightTheOtherFinishesEveryRequestOnce() {
        String url = PostgresTestDatabase.fresh("ticketsmith_node_failure_it");
        ConfigurableApplicationContext dying = start("nodea", url);
        ConfigurableApplicationContext surviving = start("nodeb", url);
        RequestIntake intake = dying.getBean(RequestIntake.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ids.add(intake.submit(new RequestIntake.NewRequest("The login page gives a 500 since the deploy, case "
                    + i, "api", null, "CASE-" + i), "itclient").request().id());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> openAi.countRequestsMatching(
                postRequestedFor(urlEqualTo(OpenAiStub.PATH)).build()).getCount() >= 4);

        // The node dies: its connections cut first, so it can neither finish nor give back what it holds.
        dying.getBean(HikariDataSource.class).close();
        dying.close();
        nodes.remove(dying);
        long died = System.nanoTime();

        JdbcTemplate database = surviving.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> database.queryForObject(
                "SELECT COUNT(*) FROM ts_request WHERE status = 'DONE'", Integer.class) == REQUESTS);
        Duration recovery = Duration.ofNanos(System.nanoTime() - died);

        assertThat(database.queryForObject("SELECT COUNT(*) FROM ts_request", Integer.class)).isEqualTo(REQUESTS);
        assertThat(database.queryForObject("SELECT COUNT(*) FROM act_hi_procinst WHERE business_key_ IN ("
                + String.join(",", ids.stream().map(id -> "'" + id + "'").toList()) + ")", Integer.class))
                .as("one process per request").isEqualTo(REQUESTS);
        assertThat(database.queryForObject("SELECT COUNT(*) FROM ts_action_ledger WHERE state = 'DONE'", Integer.class))
                .as("each request's one action, once").isEqualTo(REQUESTS);
        assertThat(database.queryForList("SELECT request_id FROM ts_action_ledger GROUP BY request_id, action_index "
                + "HAVING COUNT(*) > 1")).isEmpty();
        assertThat(database.queryForObject("SELECT COUNT(*) FROM act_ru_incident", Integer.class)).isZero();
        // Within the locks the dead node held (analysis and jobs) and the survivor's own work, not minutes.
        assertThat(recovery).isLessThan(Duration.ofSeconds(60));
        int llmCalls = openAi.countRequestsMatching(postRequestedFor(urlEqualTo(OpenAiStub.PATH)).build()).getCount();
        assertThat(llmCalls).as("at least one per request; more only for answers the dead node never stored")
                .isBetween(REQUESTS, REQUESTS + 8);
        log.info("Node failure: {} requests done {} ms after the node died, {} LLM calls", REQUESTS, recovery.toMillis(),
                llmCalls);
    }

    private ConfigurableApplicationContext start(String node, String url) {
        ConfigurableApplicationContext context = ClusterNode.start(node, url,
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK.toMillis(),
                "--ticketsmith.llm.lock-duration=" + LOCK,
                "--ticketsmith.safety.allowed-projects=WEB,OPS",
                // The requests differ in one word: reusing analyses would hide the calls this test counts, and the
                // knowledge index would hold them all for review as duplicates of each other.
                "--ticketsmith.knowledge.enabled=false",
                "--spring.ai.model.chat=openai",
                "--spring.ai.openai.api-key=it-key",
                "--spring.ai.openai.base-url=" + openAi.baseUrl(),
                "--spring.ai.openai.chat.options.model=gpt-4o-mini");
        nodes.add(context);
        return context;
    }
}
