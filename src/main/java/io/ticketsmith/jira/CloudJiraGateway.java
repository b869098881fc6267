package io.ticketsmith.jira;

import io.ticketsmith.remote.SharedBackoff;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

/**
 * Jira Cloud, REST v3: Basic authentication with the account's email and an API token, rich text in Atlassian
 * Document Format, people by account id, and search through {@code /search/jql} with page tokens (the offset-based
 * {@code /search} is gone from Cloud).
 */
final class CloudJiraGateway extends RestJiraGateway {

    private static final String API = "/rest/api/3";
    // Account ids look like "5b10ac8d82e05b22cc7d4ef5" (older) or "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077".
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9a-fA-F]{24,}|[\\w-]+:[\\w-]+");
    // Apps and Customer-portal-only accounts cannot be assignees that a reviewer meant.
    private static final String HUMAN_ACCOUNT_TYPE = "atlassian";

    CloudJiraGateway(JiraProperties properties, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, MeterRegistry meterRegistry, Clock clock,
            JiraCallLog callLog, SharedBackoff backoff) {
        super(JiraProperties.Flavor.CLOUD, API, "issueTypes", "fields", properties, JiraCredential.basic(properties),
                restClientBuilder, requestFactoryBuilder, meterRegistry, clock, callLog, backoff);
    }

    @Override
    JsonNode richText(String text) {
        return Adf.document(text);
    }

    @Override
    String userField() {
        return "accountId";
    }

    @Override
    String resolveUser(String person) {
        if (ACCOUNT_ID.matcher(person).matches()) {
            return person;
        }
        return findUser(person, API + "/user/search?query={query}",
                user -> user.path("active").asBoolean(false)
                        && HUMAN_ACCOUNT_TYPE.equals(user.path("accountType").asText()),
                (user, wanted) -> wanted.equalsIgnoreCase(user.path("displayName").asText())
                        || wanted.equalsIgnoreCase(user.path("emailAddress").asText()),
                "accountId", "name the person by email address or account id");
    }

    @Override
    JsonNode searchAnswer(String jql, String pageToken, int maxResults, String fields) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("jql", jql);
        query.put("maxResults", maxResults);
        query.put("fields", fields);
        String uriTemplate = API + "/search/jql?jql={jql}&maxResults={maxResults}&fields={fields}";
        if (pageToken != null) {
            query.put("nextPageToken", pageToken);
            uriTemplate += "&nextPageToken={nextPageToken}";
        }
        return http.get(uriTemplate, query);
    }

    @Override
    String nextPageToken(JsonNode answer, String pageToken) {
        return answer.path("isLast").asBoolean(false) ? null : text(answer.path("nextPageToken"));
    }
}
