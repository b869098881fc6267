package io.ticketsmith.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What every call to {@code /api} and {@code /engine-rest} meets first: a huge unsigned webhook is refused before
 * it is read, a form post that a browser says comes from another site is refused whatever credentials it carries,
 * and every answer carries the standard security headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class HttpBoundaryTest {

    @Autowired TestRestTemplate rest;

    @Test
    void hugeUnsignedWebhookIsRefusedBeforeItIsRead() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);

        ResponseEntity<String> answer = rest.postForEntity("/api/webhooks/jira",
                new HttpEntity<>(new byte[3 * 1024 * 1024], headers), String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        assertThat(answer.getBody()).contains("at most 1048576");
    }

    @Test
    void crossSiteFormPostWithCachedCredentialsIsRefused() {
        HttpHeaders crossSite = new HttpHeaders();
        crossSite.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        crossSite.add("Origin", "https://evil.example");
        HttpHeaders fetchMetadata = new HttpHeaders();
        fetchMetadata.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        fetchMetadata.add("Sec-Fetch-Site", "cross-site");

        ResponseEntity<String> byOrigin = rest.withBasicAuth("operator", "demo").postForEntity("/api/triage/run",
                new HttpEntity<>("a=b", crossSite), String.class);
        ResponseEntity<String> byFetchMetadata = rest.withBasicAuth("operator", "demo").postForEntity(
                "/api/triage/run", new HttpEntity<>("a=b", fetchMetadata), String.class);

        assertThat(byOrigin.getStatusCode().value()).isEqualTo(403);
        assertThat(byFetchMetadata.getStatusCode().value()).isEqualTo(403);
        assertThat(byOrigin.getBody()).contains("another site");
    }

    @Test
    void crossSiteDeploymentUploadIsRefusedWhileModelerStillDeploys() {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", "from-another-site");
        form.add("data", new ByteArrayResource("<definitions/>".getBytes()) {
            @Override
            public String getFilename() {
                return "evil.bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.add("Origin", "https://evil.example");

        ResponseEntity<String> answer = rest.withBasicAuth("owner", "demo").postForEntity(
                "/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void sameOriginAndNonBrowserCallsPass() {
        HttpHeaders sameOrigin = new HttpHeaders();
        sameOrigin.setContentType(MediaType.APPLICATION_JSON);
        sameOrigin.add("Sec-Fetch-Site", "same-origin");

        ResponseEntity<String> fromOwnPage = rest.withBasicAuth("operator", "demo").postForEntity("/api/triage/run",
                new HttpEntity<>(Map.of(), sameOrigin), String.class);
        ResponseEntity<String> fromScript = rest.withBasicAuth("operator", "demo").postForEntity("/api/triage/run",
                new HttpEntity<>(Map.of()), String.class);

        assertThat(fromOwnPage.getStatusCode().value()).isNotIn(403, 413);
        assertThat(fromScript.getStatusCode().value()).isNotIn(403, 413);
    }

    @Test
    void answersCarryTheSecurityHeaders() {
        for (String path : new String[] {"/engine-rest/version", "/api/requests"}) {
            ResponseEntity<String> answer = rest.withBasicAuth("auditor", "demo").exchange(path, HttpMethod.GET,
                    null, String.class);

            assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(answer.getHeaders().getFirst("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(answer.getHeaders().getFirst("Cache-Control")).as(path).containsPattern("no-(store|cache)");
        }
    }
}
