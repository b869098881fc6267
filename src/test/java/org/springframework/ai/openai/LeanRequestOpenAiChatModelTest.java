package org.springframework.ai.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.observation.ObservationRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.model.tool.DefaultToolExecutionEligibilityPredicate;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.openai.api.OpenAiApi.ChatCompletionRequest;
import org.springframework.ai.openai.api.ResponseFormat;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.util.MimeTypeUtils;

/** The requests the lean model makes are the ones Spring AI's own model makes, byte for byte. */
class LeanRequestOpenAiChatModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiApi api = OpenAiApi.builder().baseUrl("http://127.0.0.1:9").apiKey("unused").build();
    private final OpenAiChatModel springAis = new OpenAiChatModel(api, OpenAiChatOptions.builder().build(),
            ToolCallingManager.builder().build(), RetryTemplate.builder().maxAttempts(1).build(),
            ObservationRegistry.NOOP);
    private final LeanRequestOpenAiChatModel lean = new LeanRequestOpenAiChatModel(api,
            OpenAiChatOptions.builder().build(), ToolCallingManager.builder().build(),
            RetryTemplate.builder().maxAttempts(1).build(), ObservationRegistry.NOOP,
            new DefaultToolExecutionEligibilityPredicate());

    private static final OpenAiChatOptions STRUCTURED = OpenAiChatOptions.builder().model("gpt-4o-mini")
            .temperature(0.0).maxTokens(900).user("ticketsmith").seed(7).metadata(Map.of("source", "api"))
            .responseFormat(ResponseFormat.builder().type(ResponseFormat.Type.JSON_SCHEMA)
                    .jsonSchema(ResponseFormat.JsonSchema.builder().name("analysis").strict(true)
                            .schema(Map.of("type", "object", "properties", Map.of("summary", Map.of("type", "string")),
                                    "required", List.of("summary"), "additionalProperties", false))
                            .build())
                    .build())
            .build();

    @Test
    void anAnalysisCallIsTheRequestSpringAiMakes() throws Exception {
        Prompt prompt = new Prompt(List.of(new SystemMessage("You are the triage assistant.\n".repeat(200)),
                new UserMessage("<request>\nLogin returns 500 since the deploy. \"Quoted\", naïve, 日本語, \\ and \t."
                        + "\n</request>")), STRUCTURED);

        assertSameRequest(prompt, false);
    }

    @Test
    void aReAskWithTheModelsFormerAnswerIsTheRequestSpringAiMakes() throws Exception {
        Prompt prompt = new Prompt(List.of(new SystemMessage("Answer in JSON."), new UserMessage("<request>x</request>"),
                new AssistantMessage("{\"summary\": \"trunc"), new UserMessage("the answer was not valid JSON")),
                STRUCTURED);

        assertSameRequest(prompt, false);
        assertThat(lean.createRequest(prompt, false).messages()).extracting(m -> m.rawContent()).containsExactly(
                "Answer in JSON.", "<request>x</request>", "{\"summary\": \"trunc", "the answer was not valid JSON");
    }

    @Test
    void textsThatLookLikeItsStandInsOrAreEmptyAreSentAsWritten() throws Exception {
        Prompt prompt = new Prompt(List.of(new SystemMessage(""), new UserMessage("\u0000message-0"),
                new UserMessage("x".repeat(100_000))), STRUCTURED);

        assertSameRequest(prompt, false);
    }

    @Test
    void aMessageWithAnImageAndAStreamedCallAreTheRequestsSpringAiMakes() throws Exception {
        Prompt withImage = new Prompt(List.of(new SystemMessage("Describe."), UserMessage.builder().text("What is this?")
                .media(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] {1, 2, 3}).build()).build()),
                STRUCTURED);
        Prompt streamed = new Prompt(List.of(new UserMessage("Hello")),
                OpenAiChatOptions.builder().model("gpt-4o-mini").streamUsage(true).build());

        assertSameRequest(withImage, false);
        assertSameRequest(streamed, true);
    }

    private void assertSameRequest(Prompt prompt, boolean stream) throws Exception {
        ChatCompletionRequest expected = springAis.createRequest(prompt, stream);
        ChatCompletionRequest actual = lean.createRequest(prompt, stream);

        assertThat(JSON.writeValueAsString(actual)).isEqualTo(JSON.writeValueAsString(expected));
        assertThat(actual).isEqualTo(expected);
    }
}
