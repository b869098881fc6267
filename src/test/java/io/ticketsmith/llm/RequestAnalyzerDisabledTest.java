package io.ticketsmith.llm;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With provider {@code none} the analyzer is off, even when a provider's URL and key are configured. */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class RequestAnalyzerDisabledTest {

    @RegisterExtension
    static WireMockExtension openAi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();

    @DynamicPropertySource
    static void configureOpenAiButChooseNone(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.model.chat", () -> "none");
        registry.add("spring.ai.openai.base-url", openAi::baseUrl);
        registry.add("spring.ai.openai.api-key", () -> "test-key");
    }

    @Autowired
    RequestAnalyzer analyzer;

    @Autowired
    ApplicationContext context;

    @Test
    void noneMeansDisabledAndNoHttpCall() {
        assertThat(analyzer.isEnabled()).isFalse();
        assertThat(analyzer.provider()).isEqualTo("none");
        assertThat(context.getBeanNamesForType(ChatModel.class)).isEmpty();

        assertThatIllegalStateException().isThrownBy(() -> analyzer.analyze(LlmAnswers.CHECKOUT_REQUEST))
                .withMessageContaining("No LLM is configured");
        assertThat(openAi.getAllServeEvents()).isEmpty();
    }
}
