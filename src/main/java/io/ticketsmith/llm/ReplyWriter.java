package io.ticketsmith.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Asks the configured LLM to write the text of a reply to a requester, with its own versioned prompt
 * ({@value #PROMPT_RESOURCE}): in a given tone and language, from the redacted request and what the analysis said the
 * reply should say. Its answer is plain text, not JSON, and is sampled at a moderate temperature
 * ({@code ticketsmith.llm.drafting.temperature}): a reply should read as written, not as the same sentence every time.
 * Failures to reach the model are {@link LlmUnavailableException}s, as for the analysis.
 */
@Component
public class ReplyWriter {

    public static final String PROMPT_VERSION = "draft-reply/v1";
    static final String PROMPT_RESOURCE = "prompts/draft-reply-v1.txt";

    private static final String REQUEST_END = "</request>";
    private static final String INTENT_END = "</intent>";

    private final ChatClient chatClient;
    private final String provider;
    private final String prompt;
    private final DraftingProperties properties;

    ReplyWriter(ObjectProvider<ChatModel> chatModels, ObjectProvider<ChatClient.Builder> chatClientBuilders,
            @Value("${spring.ai.model.chat:none}") String provider, DraftingProperties properties) {
        this.chatClient = chatModels.getIfAvailable() == null ? null : chatClientBuilders.getObject().build();
        this.provider = provider;
        this.properties = properties;
        this.prompt = loadPrompt();
    }

    /** Whether an LLM is configured to write replies; when not, the analysis's own text is the draft. */
    public boolean isEnabled() {
        return chatClient != null;
    }

    /**
     * @param brief what to write; the request text already redacted
     * @param model the model to ask instead of the configured one (the budget's cheaper model), or null
     * @throws LlmUnavailableException the model could not be asked, or answered with nothing
     * @throws IllegalStateException   no LLM is configured
     */
    public WrittenReply write(Brief brief, String model) {
        if (chatClient == null) {
            throw new IllegalStateException("No LLM is configured (spring.ai.model.chat=" + provider + ")");
        }
        String system = prompt.replace("{language}", brief.language()).replace("{tone}", brief.tone())
                .replace("{maxWords}", Integer.toString(properties.maxWords()));
        String user = "<request>\n" + brief.requestText().replace(REQUEST_END, "</ request>") + "\n" + REQUEST_END
                + "\n<intent>\n" + ("Subject: " + nullToEmpty(brief.subject()) + "\n" + nullToEmpty(brief.intent()))
                        .replace(INTENT_END, "</ intent>") + "\n" + INTENT_END;
        ChatOptions options = ChatOptions.builder().model(model == null || model.isBlank() ? null : model)
                .temperature(properties.temperature()).build();
        long started = System.nanoTime();
        ChatResponse response;
        try {
            response = chatClient.prompt().messages(List.of(new SystemMessage(system), new UserMessage(user)))
                    .options(options).call().chatResponse();
        } catch (RuntimeException e) {
            throw RequestAnalyzer.unavailable(e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String text = response == null || response.getResult() == null || response.getResult().getOutput() == null
                ? null : response.getResult().getOutput().getText();
        LlmCall call = call(response, model, millis);
        if (text == null || text.isBlank()) {
            throw new LlmUnavailableException("LLM provider answered the reply with no text", true, null, null);
        }
        return new WrittenReply(text.strip(), call);
    }

    private LlmCall call(ChatResponse response, String askedModel, long millis) {
        ChatResponseMetadata metadata = response == null ? null : response.getMetadata();
        String model = metadata != null && metadata.getModel() != null && !metadata.getModel().isBlank()
                ? metadata.getModel() : askedModel;
        Usage usage = metadata == null ? null : metadata.getUsage();
        long promptTokens = usage == null || usage.getPromptTokens() == null ? 0 : usage.getPromptTokens();
        long completionTokens = usage == null || usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens();
        return new LlmCall(provider, model, PROMPT_VERSION, promptTokens, completionTokens, millis, 1, false);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String loadPrompt() {
        try {
            return new ClassPathResource(PROMPT_RESOURCE).getContentAsString(StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("The prompt " + PROMPT_RESOURCE + " is missing from the classpath", e);
        }
    }

    /**
     * What a reply is to say.
     *
     * @param requestText the redacted request
     * @param subject     the reply's subject as the analysis proposed it
     * @param intent      what the analysis proposed the reply say (its draft text)
     * @param tone        how to write it, as words for the prompt ({@code formal: …})
     * @param language    the language to write in, as words for the prompt ({@code German})
     */
    public record Brief(String requestText, String subject, String intent, String tone, String language) {
    }

    /** The reply's text (unsigned) and what writing it cost. */
    public record WrittenReply(String text, LlmCall call) {
    }
}
