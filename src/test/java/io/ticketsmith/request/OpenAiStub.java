package io.ticketsmith.request;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import java.util.List;

/** Answers of the OpenAI chat completions endpoint, as the real API sends them. */
final class OpenAiStub {

    static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiStub() {
    }

    static MappingBuilder chatCompletion() {
        return post(urlEqualTo(PATH));
    }

    static ResponseDefinitionBuilder answer(String content) {
        Map<String, Object> body = Map.of(
                "id", "chatcmpl-9xTest",
                "object", "chat.completion",
                "created", 1_763_800_000,
                "model", "gpt-4o-mini-2024-07-18",
                "choices", List.of(Map.of(
                        "index", 0,
                        "message", Map.of("role", "assistant", "content", content),
                        "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 812, "completion_tokens", 164, "total_tokens", 976));
        try {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"The server had an error while processing your request.\","
                        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }

    static ResponseDefinitionBuilder rateLimited(int retryAfterSeconds) {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                .withBody("{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini on requests per min (RPM).\","
                        + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
    }
}
