package io.ticketsmith.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.converter.BeanOutputConverter;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import io.ticketsmith.analysis.Analysis;
import io.ticketsmith.analysis.AnalysisValidator;

/**
 * Asks the configured LLM to analyse one (already redacted) request, and returns a validated {@link Analysis}.
 * The only class that talks to Spring AI's {@link ChatClient}; it knows nothing of the process engine.
 * <p>
 * One analysis makes one call, or two when the first answer is not a valid analysis: the model is then shown its
 * answer and the validation errors, which fixes most slips (a wrong enum value, a missing field) for the price of one
 * call. The client itself never retries (spring.ai.retry.max-attempts is 1): every failure to reach the model is an
 * {@link LlmUnavailableException}, and the process decides when to try again.
 */
@Component
public class RequestAnalyzer {

    /** Recorded on every call, so that answers can be traced back to the prompt that produced them. */
    public static final String PROMPT_VERSION = "analyze-request/v5";
    static final String PROMPT_RESOURCE = "prompts/analyze-request-v5.txt";
    private static final String PROMPT_VERSION_PREFIX = "analyze-request/v";
    private static final String PROMPT_RESOURCE_PATTERN = "prompts/analyze-request-v%d.txt";
    /** A rough 4 characters per token, which holds for English and German prose with any tokenizer in use. */
    private static final int CHARS_PER_TOKEN = 4;

    private static final Logger log = LoggerFactory.getLogger(RequestAnalyzer.class);
    private static final String REQUEST_START = "<request>";
    private static final String REQUEST_END = "</request>";
    private static final String SIMILAR_START = "<similar>";
    private static final String SIMILAR_END = "</similar>";
    private static final java.util.regex.Pattern SOURCE_NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private final ChatClient chatClient;
    private final String provider;
    private final String model;
    private final BeanOutputConverter<Analysis> converter = new AnalysisOutputConverter();
    private final AnalysisValidator validator = new AnalysisValidator();
    private final String systemPrompt;
    private final java.util.Map<String, String> olderSystemPrompts = new java.util.concurrent.ConcurrentHashMap<>();
    private final AnalysisCallProperties callProperties;

    /**
     * @param chatModels         empty when {@code spring.ai.model.chat} is {@code none}
     * @param chatClientBuilders Spring AI's builder, only asked for when there is a model
     * @param provider           the configured provider, recorded on every call
     */
    RequestAnalyzer(ObjectProvider<ChatModel> chatModels, ObjectProvider<ChatClient.Builder> chatClientBuilders,
            @Value("${spring.ai.model.chat:none}") String provider, AnalysisCallProperties callProperties) {
        this.callProperties = callProperties;
        // Spring AI defines the ChatClient.Builder bean even when no ChatModel exists, and then fails to create it;
        // so the model, not the builder, tells whether an LLM is configured.
        ChatModel chatModel = chatModels.getIfAvailable();
        this.chatClient = chatModel == null ? null : chatClientBuilders.getObject().build();
        this.model = chatModel == null || chatModel.getDefaultOptions() == null ? null
                : chatModel.getDefaultOptions().getModel();
        this.provider = provider;
        if (chatClient == null) {
            log.info("No LLM is configured (spring.ai.model.chat={}): requests are analysed by the keyword rules",
                    provider);
        }
        this.systemPrompt = loadPrompt() + "\n\n" + converter.getFormat();
    }

    /** Whether an LLM is configured (a chat model, so a ChatClient); when not, the keyword rules analyse requests. */
    public boolean isEnabled() {
        return chatClient != null;
    }

    /** The model asked when no other is named: the provider's configured (or Spring AI's default) model, or null. */
    public String model() {
        return model;
    }

    /** The value of {@code spring.ai.model.chat}: {@code openai}, {@code ollama} or {@code none}. */
    public String provider() {
        return provider;
    }

    /**
     * @param redactedRequestText the request with personal data already replaced by placeholders like [EMAIL_1]
     * @throws LlmUnavailableException  the model could not be asked (see {@link LlmUnavailableException#retryable()})
     * @throws InvalidAnalysisException the model answered twice, and neither answer was a valid analysis
     * @throws IllegalStateException    no LLM is configured ({@link #isEnabled()} is false)
     * @throws IllegalArgumentException the request text is blank
     */
    public LlmAnalysis analyze(String redactedRequestText) {
        return analyze(redactedRequestText, null);
    }

    /**
     * @param model the model to ask instead of the configured one (e.g. a cheaper one when over budget), or null
     * @see #analyze(String)
     */
    public LlmAnalysis analyze(String redactedRequestText, String model) {
        return analyze(redactedRequestText, model, List.of());
    }

    /**
     * @param similar one line each for what the knowledge index found similar (sent as untrusted data after the
     *                request, for recognising a repeated request); empty for none
     * @see #analyze(String)
     */
    public LlmAnalysis analyze(String redactedRequestText, String model, List<String> similar) {
        return analyze(null, redactedRequestText, model, similar, PROMPT_VERSION);
    }

    /**
     * Analyses with an earlier version of the prompt, to compare prompts on the same requests.
     *
     * @param promptVersion one of {@link #promptVersions()}
     * @throws IllegalArgumentException there is no such prompt
     * @see #analyze(String, String, List)
     */
    public LlmAnalysis analyze(String redactedRequestText, String model, List<String> similar, String promptVersion) {
        return analyze(null, redactedRequestText, model, similar, promptVersion);
    }

    /**
     * @param source the request's source, told to the model so that it proposes only actions that suit it (Zendesk
     *               actions for a Zendesk ticket, Jira actions for the rest); null when unknown
     * @see #analyze(String)
     */
    public LlmAnalysis analyzeFrom(String source, String redactedRequestText, String model, List<String> similar) {
        return analyze(source, redactedRequestText, model, similar, PROMPT_VERSION);
    }

    private LlmAnalysis analyze(String source, String redactedRequestText, String model, List<String> similar,
            String promptVersion) {
        if (chatClient == null) {
            throw new IllegalStateException("No LLM is configured (spring.ai.model.chat=" + provider + ")");
        }
        List<Message> messages = List.of(new SystemMessage(systemPrompt(promptVersion)),
                new UserMessage(requestMessage(redactedRequestText, similar, source)));
        Tally tally = new Tally(promptVersion);

        ChatOptions options = options(model);
        Answer first = ask(messages, options, tally, source);
        if (first.errors().isEmpty()) {
            return new LlmAnalysis(first.analysis(), first.raw(), tally.toCall());
        }
        log.info("LLM answer was not a valid analysis, asking once more: {}", first.errors());

        List<Message> reask = new ArrayList<>(messages);
        reask.add(new AssistantMessage(first.raw() == null ? "" : first.raw()));
        reask.add(new UserMessage(correctionRequest(first.errors())));
        Answer second = ask(reask, options, tally, source);
        if (second.errors().isEmpty()) {
            return new LlmAnalysis(second.analysis(), second.raw(), tally.toCall());
        }
        throw new InvalidAnalysisException(second.errors(), second.raw(), tally.toCall());
    }

    /**
     * The analysis prompts there are, oldest first, by the version recorded with each call
     * ({@code analyze-request/v1} … {@link #PROMPT_VERSION}).
     */
    public static List<String> promptVersions() {
        List<String> versions = new ArrayList<>();
        int current = Integer.parseInt(PROMPT_VERSION.substring(PROMPT_VERSION_PREFIX.length()));
        for (int version = 1; version <= current; version++) {
            if (new ClassPathResource(PROMPT_RESOURCE_PATTERN.formatted(version)).exists()) {
                versions.add(PROMPT_VERSION_PREFIX + version);
            }
        }
        return versions;
    }

    /**
     * About how many prompt tokens one call for this request costs with this prompt (system prompt, format and
     * request), for estimating the cost of many calls before making them.
     */
    public long estimatedPromptTokens(String redactedRequestText, String promptVersion) {
        String text = redactedRequestText == null ? "" : redactedRequestText;
        return (systemPrompt(promptVersion).length() + REQUEST_START.length() + REQUEST_END.length() + text.length()
                + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    private String systemPrompt(String promptVersion) {
        if (PROMPT_VERSION.equals(promptVersion)) {
            return systemPrompt;
        }
        if (!promptVersions().contains(promptVersion)) {
            throw new IllegalArgumentException("There is no analysis prompt " + promptVersion + "; there are "
                    + promptVersions());
        }
        return olderSystemPrompts.computeIfAbsent(promptVersion, version -> loadPrompt(PROMPT_RESOURCE_PATTERN
                .formatted(Integer.parseInt(version.substring(PROMPT_VERSION_PREFIX.length())))) + "\n\n"
                + converter.getFormat());
    }

    /**
     * The options of an analysis call: the model when another than the configured one is asked, the temperature,
     * and the analysis schema for the provider to enforce where it can.
     */
    private ChatOptions options(String model) {
        String asked = model == null || model.isBlank() ? null : model;
        double temperature = callProperties.temperature();
        if (callProperties.structuredOutput() && "openai".equals(provider)) {
            return org.springframework.ai.openai.OpenAiChatOptions.builder().model(asked).temperature(temperature)
                    .responseFormat(org.springframework.ai.openai.api.ResponseFormat.builder()
                            .type(org.springframework.ai.openai.api.ResponseFormat.Type.JSON_SCHEMA)
                            .jsonSchema(org.springframework.ai.openai.api.ResponseFormat.JsonSchema.builder()
                                    .name("analysis").schema(StrictSchema.of(converter.getJsonSchemaMap()))
                                    .strict(true).build())
                            .build())
                    .build();
        }
        if (callProperties.structuredOutput() && "ollama".equals(provider)) {
            return org.springframework.ai.ollama.api.OllamaChatOptions.builder().model(asked).temperature(temperature)
                    .format(converter.getJsonSchemaMap()).build();
        }
        return ChatOptions.builder().model(asked).temperature(temperature).build();
    }

    /** Whether the provider is asked to hold its answer to the analysis schema. */
    boolean schemaEnforced() {
        return callProperties.structuredOutput() && ("openai".equals(provider) || "ollama".equals(provider));
    }

    private Answer ask(List<Message> messages, ChatOptions options, Tally tally, String source) {
        long start = System.nanoTime();
        ChatResponse response;
        try {
            var prompt = chatClient.prompt().messages(messages);
            if (options != null) {
                prompt = prompt.options(options);
            }
            response = prompt.call().chatResponse();
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        tally.add(response, System.nanoTime() - start);
        String raw = text(response);
        return check(raw, source);
    }

    private Answer check(String raw, String source) {
        if (raw == null || raw.isBlank()) {
            return new Answer(raw, null, List.of("the answer was empty; answer with the JSON object only"));
        }
        Analysis analysis;
        try {
            analysis = converter.convert(raw);
        } catch (RuntimeException e) {
            return new Answer(raw, null, List.of("the answer was not valid JSON: " + shortReason(e)));
        }
        List<String> errors = new ArrayList<>(validator.validate(analysis));
        if (analysis != null) {
            errors.addAll(validator.validateForSource(analysis.actions(), source));
        }
        return new Answer(raw, analysis, errors);
    }

    /**
     * Maps whatever Spring AI or the HTTP client threw to an {@link LlmUnavailableException}. The cause chain is
     * searched because observation and advisor layers may wrap the original exception.
     */
    static RuntimeException unavailable(RuntimeException thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof LlmUnavailableException unavailable) {
                return unavailable;
            }
            if (cause instanceof ResourceAccessException) {
                // Timeouts and refused connections: the provider may well answer a little later.
                return new LlmUnavailableException("LLM provider could not be reached: " + excerpt(cause), true, null,
                        thrown);
            }
            if (cause instanceof TransientAiException) {
                return new LlmUnavailableException("LLM provider failed: " + excerpt(cause), true, null, thrown);
            }
            if (cause instanceof NonTransientAiException) {
                return new LlmUnavailableException("LLM provider refused the request: " + excerpt(cause), false,
                        null, thrown);
            }
            if (cause instanceof RestClientException) {
                // An answer the client could not read (an HTML error page from a proxy, a cut-off body).
                return new LlmUnavailableException("LLM provider answered unreadably: " + excerpt(cause), true, null,
                        thrown);
            }
        }
        return thrown;
    }

    private static String excerpt(Throwable cause) {
        return ErrorExcerpt.of(cause.getMessage(), List.of());
    }

    /**
     * The markers let the system prompt say exactly which text is untrusted; a closing marker inside the request
     * is defused so that the request cannot pretend to end early and continue with instructions.
     */
    private static String requestMessage(String redactedRequestText, List<String> similar, String source) {
        if (redactedRequestText == null || redactedRequestText.isBlank()) {
            throw new IllegalArgumentException("The request text is empty");
        }
        String defused = redactedRequestText.replace(REQUEST_END, "</ request>").replace(SIMILAR_START, "< similar>");
        StringBuilder message = new StringBuilder();
        // Only a known source name, never text a client chose: it is outside the untrusted request markers.
        if (source != null && SOURCE_NAME.matcher(source).matches()) {
            message.append("<source>").append(source).append("</source>\n");
        }
        message.append(REQUEST_START + "\n" + defused + "\n" + REQUEST_END);
        if (similar != null && !similar.isEmpty()) {
            message.append("\n").append(SIMILAR_START);
            for (String line : similar) {
                message.append("\n- ").append(line.replace("\n", " ").replace(SIMILAR_END, "</ similar>"));
            }
            message.append("\n").append(SIMILAR_END);
        }
        return message.toString();
    }

    private static String correctionRequest(List<String> errors) {
        StringBuilder text = new StringBuilder("Your answer is not a valid analysis:\n");
        errors.forEach(error -> text.append("- ").append(error).append('\n'));
        text.append("Answer again with the corrected JSON object only, in the format described above.");
        return text.toString();
    }

    private static String text(ChatResponse response) {
        if (response == null || response.getResult() == null || response.getResult().getOutput() == null) {
            return null;
        }
        return response.getResult().getOutput().getText();
    }

    /** Jackson's own message without the location and source excerpt, which would only repeat the answer. */
    private static String shortReason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof JsonProcessingException)) {
            cause = cause.getCause();
        }
        String reason = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        if (reason == null) {
            return cause.getClass().getSimpleName();
        }
        String firstLine = reason.lines().findFirst().orElse(reason);
        return firstLine.length() <= 160 ? firstLine : firstLine.substring(0, 160) + "…";
    }

    private static String loadPrompt() {
        return loadPrompt(PROMPT_RESOURCE);
    }

    private static String loadPrompt(String resource) {
        try {
            return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("The prompt " + resource + " is missing from the classpath", e);
        }
    }

    private record Answer(String raw, Analysis analysis, List<String> errors) {
    }

    /** What the calls of one analysis cost together. */
    private final class Tally {

        private final String promptVersion;
        private String model;
        private long promptTokens;
        private long completionTokens;
        private long nanos;
        private int calls;

        Tally(String promptVersion) {
            this.promptVersion = promptVersion;
        }

        void add(ChatResponse response, long elapsedNanos) {
            calls++;
            nanos += elapsedNanos;
            ChatResponseMetadata metadata = response == null ? null : response.getMetadata();
            if (metadata == null) {
                return;
            }
            if (metadata.getModel() != null && !metadata.getModel().isBlank()) {
                model = metadata.getModel();
            }
            Usage usage = metadata.getUsage();
            if (usage != null) {
                promptTokens += orZero(usage.getPromptTokens());
                completionTokens += orZero(usage.getCompletionTokens());
            }
        }

        LlmCall toCall() {
            return new LlmCall(provider, model, promptVersion, promptTokens, completionTokens, nanos / 1_000_000,
                    calls, schemaEnforced());
        }

        private static long orZero(Integer tokens) {
            return tokens == null ? 0 : tokens;
        }
    }
}
