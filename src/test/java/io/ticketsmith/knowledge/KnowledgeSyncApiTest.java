package io.ticketsmith.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Running the knowledge sync on demand: operators and admins may, a reviewer may not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ticketsmith.llm.worker=false", "ticketsmith.models.watch=false"})
@ActiveProfiles({"demo", "test"})
class KnowledgeSyncApiTest {

    @Autowired TestRestTemplate rest;

    @Test
    void anOperatorRunsTheSyncAndAReviewerIsRefused() {
        ResponseEntity<String> refused = rest.withBasicAuth("reviewer", "demo")
                .exchange("/api/knowledge/sync", HttpMethod.POST, null, String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<Map<String, Object>> ran = rest.withBasicAuth("operator", "demo")
                .exchange("/api/knowledge/sync", HttpMethod.POST, null,
                        new ParameterizedTypeReference<Map<String, Object>>() { });

        assertThat(ran.getStatusCode()).isEqualTo(HttpStatus.OK);
        // The demo has no Jira (dry run) and no Confluence: nothing to sync, and the run says so.
        assertThat(ran.getBody()).containsEntry("ran", true).containsEntry("sources", List.of());

        ResponseEntity<List<Object>> state = rest.withBasicAuth("operator", "demo")
                .exchange("/api/knowledge/sync", HttpMethod.GET, null,
                        new ParameterizedTypeReference<List<Object>>() { });
        assertThat(state.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(state.getBody()).isEmpty();
        assertThat(rest.withBasicAuth("reviewer", "demo").getForEntity("/api/knowledge/sync", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
