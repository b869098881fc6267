package io.ticketsmith.jira;

import io.ticketsmith.remote.SharedBackoff;
import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

/**
 * Jira Data Center, REST v2: a personal access token as Bearer token, rich text as wiki markup (our plain text is
 * valid wiki text), people by username, and search by offset.
 */
final class DataCenterJiraGateway extends RestJiraGateway {

    private static final String API = "/rest/api/2";

    DataCenterJiraGateway(JiraProperties properties, RestClient.Builder restClientBuilder,
            ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, MeterRegistry meterRegistry, Clock clock,
            JiraCallLog callLog, SharedBackoff backoff) {
        super(JiraProperties.Flavor.DATACENTER, API, "values", "values", properties,
                JiraCredential.bearer(properties), restClientBuilder, requestFactoryBuilder, meterRegistry, clock,
                callLog, backoff);
    }

    @Override
    JsonNode richText(String text) {
        return TextNode.valueOf(text);
    }

    @Override
    String userField() {
        return "name";
    }

    /** A username is used as given; an email address is looked up, as Data Center assigns by username only. */
    @Override
    String resolveUser(String person) {
        if (!person.contains("@")) {
            return person;
        }
        return findUser(person, API + "/user/search?username={query}",
                user -> user.path("active").asBoolean(true),
                (user, wanted) -> wanted.equalsIgnoreCase(user.path("emailAddress").asText()),
                "name", "name the person by username");
    }

    /** The page token is the offset of the next page. */
    @Override
    JsonNode searchAnswer(String jql, String pageToken, int maxResults, String fields) {
        return http.get(API + "/search?jql={jql}&startAt={startAt}&maxResults={maxResults}&fields={fields}",
                Map.of("jql", jql, "startAt", startAt(pageToken), "maxResults", maxResults, "fields", fields));
    }

    @Override
    String nextPageToken(JsonNode answer, String pageToken) {
        return Pages.nextStartAt(answer, startAt(pageToken), answer.path("issues").size()).stream()
                .mapToObj(String::valueOf).findFirst().orElse(null);
    }

    private static int startAt(String pageToken) {
        if (pageToken == null) {
            return 0;
        }
        try {
            return Integer.parseInt(pageToken);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a Data Center page token: " + pageToken, e);
        }
    }
}
