package io.ticketsmith.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** What the integration tests do as the demo API client {@code intake}. */
public final class ApiClient {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };

    private ApiClient() {
    }

    /** Submits a request through {@code POST /api/requests}, as an API client does; returns its id. */
    public static String submit(TestRestTemplate rest, String text) {
        ResponseEntity<Map<String, Object>> response = rest.withBasicAuth("intake", "demo").exchange("/api/requests",
                HttpMethod.POST, json(Map.of("text", text, "reporter", "dana@acme.example")), OBJECT);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return response.getBody().get("id").toString();
    }

    public static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
