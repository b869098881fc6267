package io.ticketsmith.llm;

import java.time.Clock;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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
}
