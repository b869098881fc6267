package io.ticketsmith.llm;

import java.time.Clock;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatProperties;
import org.springframework.ai.model.tool.DefaultToolExecutionEligibilityPredicate;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionEligibilityPredicate;
import org.springframework.ai.openai.LeanRequestOpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.web.client.ResponseErrorHandler;

@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

    // Keys the provider might echo back; masked by value as well as by shape, because a key need not look like sk-...
    private static final List<String> API_KEY_PROPERTIES = List.of("spring.ai.openai.api-key",
            "spring.ai.openai.chat.api-key");

    /**
     * Replaces Spring AI's default handler ({@code SpringAiRetryAutoConfiguration.responseErrorHandler} is
     * {@code @ConditionalOnMissingBean}), which the OpenAI and Ollama auto-configurations put into their
     * {@code RestClient}. The default one drops the {@code Retry-After} header, and the process needs it to schedule
     * its retry without holding a thread.
     */
    @Bean
    ResponseErrorHandler llmResponseErrorHandler(Environment environment) {
        List<String> apiKeys = API_KEY_PROPERTIES.stream().map(environment::getProperty)
                .filter(key -> key != null && !key.isBlank()).toList();
        return new ProviderErrorHandler(apiKeys, Clock.systemUTC());
    }

    /**
     * The OpenAI chat model, as Spring AI's auto-configuration makes it ({@code OpenAiChatAutoConfiguration}, which
     * backs off for this bean), but one that builds each request without sending its messages through JSON twice:
     * see {@link LeanRequestOpenAiChatModel}.
     */
    @Bean
    @ConditionalOnProperty(name = "spring.ai.model.chat", havingValue = "openai", matchIfMissing = true)
    OpenAiChatModel leanRequestOpenAiChatModel(OpenAiApi openAiApi, OpenAiChatProperties chatProperties,
            ToolCallingManager toolCallingManager, RetryTemplate retryTemplate,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<ChatModelObservationConvention> observationConvention,
            ObjectProvider<ToolExecutionEligibilityPredicate> toolExecutionEligibilityPredicate) {
        LeanRequestOpenAiChatModel chatModel = new LeanRequestOpenAiChatModel(openAiApi, chatProperties.getOptions(),
                toolCallingManager, retryTemplate, observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
                toolExecutionEligibilityPredicate.getIfUnique(DefaultToolExecutionEligibilityPredicate::new));
        observationConvention.ifAvailable(chatModel::setObservationConvention);
        return chatModel;
    }
}
