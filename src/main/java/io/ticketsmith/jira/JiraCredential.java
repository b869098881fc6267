package io.ticketsmith.jira;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * The Authorization header of every Jira call. Kept apart so it is checked once at start-up, and so the values that
 * must never appear in a log line or exception are known to the error mapper.
 */
final class JiraCredential {

    static final String USERNAME_VARIABLE = "TICKETSMITH_JIRA_USERNAME";
    static final String API_TOKEN_VARIABLE = "TICKETSMITH_JIRA_API_TOKEN";

    private final String authorization;
    private final List<String> secrets;

    private JiraCredential(String authorization, List<String> secrets) {
        this.authorization = authorization;
        this.secrets = secrets;
    }

    /** Jira Cloud: Basic with the account's email and an API token. */
    static JiraCredential basic(JiraProperties properties) {
        String username = required(properties.username(), USERNAME_VARIABLE, "ticketsmith.jira.username",
                "the email address of the Jira Cloud account");
        String token = required(properties.apiToken(), API_TOKEN_VARIABLE, "ticketsmith.jira.api-token",
                "an API token of that account");
        String encoded = HttpHeaders.encodeBasicAuth(username, token, StandardCharsets.UTF_8);
        return new JiraCredential("Basic " + encoded, List.of(token, encoded));
    }

    /** Jira Data Center: a personal access token as Bearer token. */
    static JiraCredential bearer(JiraProperties properties) {
        String token = required(properties.apiToken(), API_TOKEN_VARIABLE, "ticketsmith.jira.api-token",
                "a personal access token of the Jira Data Center account");
        return new JiraCredential("Bearer " + token, List.of(token));
    }

    void authorize(HttpHeaders headers) {
        headers.set(HttpHeaders.AUTHORIZATION, authorization);
    }

    List<String> secrets() {
        return secrets;
    }

    @Override
    public String toString() {
        return "JiraCredential[****]";
    }

    private static String required(String value, String variable, String property, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("ticketsmith.jira.base-url is set, so Jira needs " + what + ": set the "
                    + "environment variable " + variable + " (property " + property + ")");
        }
        return value.trim();
    }
}
