package io.ticketsmith.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Outside the embedded demo the API's documentation needs a login, and carries the security headers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticketsmith.security.public-api-docs=false")
@ActiveProfiles({"demo", "test"})
class ApiDocsLoginTest {

    @Autowired TestRestTemplate rest;

    @Test
    void apiDocumentationNeedsALogin() {
        assertThat(rest.getForEntity("/v3/api-docs", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(rest.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value()).isEqualTo(401);

        ResponseEntity<String> docs = rest.withBasicAuth("auditor", "demo").getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.getBody()).contains("/api/requests");
        assertThat(docs.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
