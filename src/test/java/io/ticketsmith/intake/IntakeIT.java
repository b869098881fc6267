package io.ticketsmith.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.ticketsmith.request.HandleRequestProcess;
import io.ticketsmith.security.TicketsmithGroups;
import io.ticketsmith.support.PostgresTestDatabase;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The intake API on PostgreSQL under concurrent submissions, duplicates included. */
// Closed after the class: each integration test holds a pool of PostgreSQL connections, and kept open together
// they would use up the server's connections.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class IntakeIT {

    private static final String CLIENT = "itclient";
    private static final String PASSWORD = "client-" + System.nanoTime();
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.registerWithThrowawayAdmin(registry, "ticketsmith_intake_it");
    }

    @Autowired TestRestTemplate rest;
    @Autowired IdentityService identityService;
    @Autowired HistoryService historyService;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void apiClient() {
        if (identityService.createUserQuery().userId(CLIENT).count() == 0) {
            User user = identityService.newUser(CLIENT);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(CLIENT, TicketsmithGroups.API_CLIENTS);
        }
    }

    @Test
    void fiftyConcurrentSubmissionsWithTenDuplicatesMakeFortyRequests() throws Exception {
        List<String> externalIds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            externalIds.add("ZD-" + i);
        }
        for (int i = 0; i < 10; i++) {
            externalIds.add("ZD-" + (i * 4)); // resubmissions of tickets submitted in the same burst
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Future<ResponseEntity<Map<String, Object>>>> responses = new ArrayList<>();
        try {
            for (String externalId : externalIds) {
                Callable<ResponseEntity<Map<String, Object>>> submit = () -> {
                    go.await();
                    return submit("{\"text\":\"Ticket " + externalId + ": the invoice page is blank\","
                            + "\"externalId\":\"" + externalId + "\"}");
                };
                responses.add(clients.submit(submit));
            }
            go.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<ResponseEntity<Map<String, Object>>> response : responses) {
                ResponseEntity<Map<String, Object>> accepted = response.get();
                assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
                ids.add((String) accepted.getBody().get("id"));
            }

            assertThat(ids.stream().distinct().count()).isEqualTo(40);
            assertThat(historyService.createHistoricProcessInstanceQuery()
                    .processDefinitionKey(HandleRequestProcess.KEY).count()).isEqualTo(40);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ts_request", Long.class)).isEqualTo(40);
            for (int i = 0; i < 10; i++) {
                assertThat(ids.get(40 + i)).as("resubmission of ZD-%d", i * 4).isEqualTo(ids.get(i * 4));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private ResponseEntity<Map<String, Object>> submit(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(CLIENT, PASSWORD).exchange("/api/requests", HttpMethod.POST,
                new HttpEntity<>(body, headers), OBJECT);
    }
}
