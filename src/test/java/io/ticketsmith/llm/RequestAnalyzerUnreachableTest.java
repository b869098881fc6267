package io.ticketsmith.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.ResourceAccessException;

/**
 * The analyzer pointed at a port nothing listens on. A class of its own because the base URL is fixed when the
 * OpenAI client is built.
 */
@SpringBootTest
@ActiveProfiles({"demo", "test"})
class RequestAnalyzerUnreachableTest {

    @DynamicPropertySource
    static void pointAtClosedPort(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("spring.ai.model.chat", () -> "openai");
        registry.add("spring.ai.openai.base-url", () -> "http://localhost:" + closedPort);
        registry.add("spring.ai.openai.api-key", () -> "test-key");
        registry.add("ticketsmith.llm.worker", () -> "false");
    }

    @Autowired
    RequestAnalyzer analyzer;

    @Test
    void refusedConnectionIsRetryable() {
        LlmUnavailableException failure = catchThrowableOfType(LlmUnavailableException.class,
                () -> analyzer.analyze(LlmAnswers.CHECKOUT_REQUEST));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).isEmpty();
        assertThat(failure.getMessage()).startsWith("LLM provider could not be reached");
        assertThat(failure.getCause()).isInstanceOf(ResourceAccessException.class)
                .cause().isInstanceOf(ConnectException.class);
    }
}
