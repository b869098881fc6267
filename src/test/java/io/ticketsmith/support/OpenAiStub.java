package io.ticketsmith.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.ticketsmith.fixtures.OpenAiPayloads;

/** The OpenAI chat-completions endpoint on WireMock, answering with {@link OpenAiPayloads}. */
public final class OpenAiStub {

    public static final String PATH = OpenAiPayloads.CHAT_COMPLETIONS;

    private OpenAiStub() {
    }

    public static MappingBuilder chatCompletion() {
        return post(urlEqualTo(PATH));
    }

    public static ResponseDefinitionBuilder answer(String content) {
        return answer(content, OpenAiPayloads.PROMPT_TOKENS, OpenAiPayloads.COMPLETION_TOKENS);
    }

    public static ResponseDefinitionBuilder answer(String content, int promptTokens, int completionTokens) {
        return json(200, OpenAiPayloads.chatCompletion(content, promptTokens, completionTokens));
    }

    /**
     * Azure OpenAI's answer to a request body sent without Content-Length (chunked), word for word; Mistral's API
     * answers such a request with 411 instead ({@link #lengthRequired()}).
     */
    public static ResponseDefinitionBuilder noContentLengthHeader() {
        return json(400, "{\"error\":{\"code\":\"no_content_length_header\",\"message\":\"Content-Length header is "
                + "required to make request.\",\"details\":\"Content-Length header is required to make request.\"}}");
    }

    /** Mistral's answer to a request body sent without Content-Length. */
    public static ResponseDefinitionBuilder lengthRequired() {
        return json(411, "{\n  \"message\":\"A valid Content-Length header is required\",\n  \"request_id\":"
                + "\"16df5a70ff767731dda7a3427fa92c6b\"\n}");
    }

    /** Any POST to the API without a Content-Length header, as the providers that refuse them see it. */
    public static MappingBuilder withoutContentLength(String path) {
        return post(urlEqualTo(path)).atPriority(1)
                .withHeader("Content-Length", com.github.tomakehurst.wiremock.client.WireMock.absent());
    }

    public static ResponseDefinitionBuilder serverError() {
        return json(500, OpenAiPayloads.serverError());
    }

    public static ResponseDefinitionBuilder rateLimited(int retryAfterSeconds) {
        return json(429, OpenAiPayloads.rateLimitReached())
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    public static ResponseDefinitionBuilder invalidApiKey(String apiKey) {
        return json(401, OpenAiPayloads.invalidApiKey(apiKey));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
