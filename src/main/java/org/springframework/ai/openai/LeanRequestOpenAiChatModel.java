package org.springframework.ai.openai;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionEligibilityPredicate;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.openai.api.OpenAiApi.ChatCompletionMessage;
import org.springframework.ai.openai.api.OpenAiApi.ChatCompletionRequest;
import org.springframework.retry.support.RetryTemplate;

/**
 * Spring AI's OpenAI chat model, building each call's request without writing its messages to JSON and reading them
 * back twice.
 * <p>
 * {@link OpenAiChatModel#createRequest} merges the call's options into the request with
 * {@code ModelOptionsUtils.merge}, which writes the whole request, messages included, to a JSON string, reads it into
 * a map, writes the map again and reads it into a new request. The messages are most of a request (the instructions,
 * the redacted ticket, its similar tickets), and at full load that merge was 6.5 % of the application's Java samples.
 * Here Spring AI builds and merges the request from a prompt whose system and user texts are short stand-ins, and the
 * texts are put back into the messages it made, so the options are merged exactly as Spring AI merges them and the
 * request sent is the same. Other messages (an assistant's, a tool's, one with media) go through unchanged.
 * <p>
 * It lives in Spring AI's package because {@code createRequest} is package-private there (Spring AI 2 no longer merges
 * through JSON). {@code LeanRequestOpenAiChatModelTest} compares its requests with Spring AI's own, so a Spring AI
 * upgrade that changes how a request is made fails the build, not the calls.
 */
public class LeanRequestOpenAiChatModel extends OpenAiChatModel {

    /** Unguessable, so no text of a request can be mistaken for a stand-in. */
    private static final String STAND_IN = "\u0000" + UUID.randomUUID() + "#";

    private static final RecordComponent[] REQUEST_COMPONENTS = ChatCompletionRequest.class.getRecordComponents();

    private static final Constructor<ChatCompletionRequest> REQUEST_CONSTRUCTOR = canonicalConstructor();

    public LeanRequestOpenAiChatModel(OpenAiApi openAiApi, OpenAiChatOptions defaultOptions,
            ToolCallingManager toolCallingManager, RetryTemplate retryTemplate, ObservationRegistry observationRegistry,
            ToolExecutionEligibilityPredicate toolExecutionEligibilityPredicate) {
        super(openAiApi, defaultOptions, toolCallingManager, retryTemplate, observationRegistry,
                toolExecutionEligibilityPredicate);
    }

    @Override
    ChatCompletionRequest createRequest(Prompt prompt, boolean stream) {
        List<Message> instructions = prompt.getInstructions();
        List<Message> shortened = new ArrayList<>(instructions.size());
        List<String> texts = new ArrayList<>();
        for (Message message : instructions) {
            String text = message.getText();
            if (text == null || !plainText(message)) {
                shortened.add(message);
                continue;
            }
            String standIn = STAND_IN + texts.size();
            texts.add(text);
            shortened.add(message instanceof SystemMessage ? new SystemMessage(standIn) : new UserMessage(standIn));
        }
        if (texts.isEmpty()) {
            return super.createRequest(prompt, stream);
        }
        ChatCompletionRequest request = super.createRequest(new Prompt(shortened, prompt.getOptions()), stream);
        List<ChatCompletionMessage> messages = new ArrayList<>(request.messages().size());
        int next = 0;
        for (ChatCompletionMessage message : request.messages()) {
            if (next < texts.size() && (STAND_IN + next).equals(message.rawContent())) {
                message = new ChatCompletionMessage(texts.get(next++), message.role(), message.name(),
                        message.toolCallId(), message.toolCalls(), message.refusal(), message.audioOutput(),
                        message.annotations(), message.reasoningContent());
            }
            messages.add(message);
        }
        if (next != texts.size()) {
            // Spring AI made the messages in another way than this class expects: let it make the request itself.
            return super.createRequest(prompt, stream);
        }
        return withMessages(request, messages);
    }

    /** A system or user message Spring AI sends as its text alone. */
    private static boolean plainText(Message message) {
        return message.getClass() == SystemMessage.class
                || message.getClass() == UserMessage.class && ((UserMessage) message).getMedia().isEmpty();
    }

    private static ChatCompletionRequest withMessages(ChatCompletionRequest request,
            List<ChatCompletionMessage> messages) {
        Object[] values = new Object[REQUEST_COMPONENTS.length];
        try {
            for (int i = 0; i < values.length; i++) {
                Method accessor = REQUEST_COMPONENTS[i].getAccessor();
                values[i] = "messages".equals(REQUEST_COMPONENTS[i].getName()) ? messages : accessor.invoke(request);
            }
            return REQUEST_CONSTRUCTOR.newInstance(values);
        }
        catch (IllegalAccessException | InstantiationException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot copy Spring AI's chat completion request", e);
        }
    }

    private static Constructor<ChatCompletionRequest> canonicalConstructor() {
        Class<?>[] types = Arrays.stream(REQUEST_COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return ChatCompletionRequest.class.getDeclaredConstructor(types);
        }
        catch (NoSuchMethodException e) {
            throw new IllegalStateException("A record has its canonical constructor", e);
        }
    }
}
