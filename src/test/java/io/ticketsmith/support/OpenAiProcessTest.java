package io.ticketsmith.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of process tests that run the real OpenAI client against the OpenAI API on WireMock ({@link OpenAiStub}),
 * on the demo profile's in-memory engine with no background workers: each test drives its requests itself. The stub
 * keeps one port for the whole test run, so the test classes built on this base share one application.
 */
@SpringBootTest(properties = {
        "spring.ai.model.chat=openai",
        "spring.ai.openai.api-key=test-key",
        "spring.ai.openai.chat.options.model=gpt-4o-mini",
        "ticketsmith.llm.worker=false",
        "ticketsmith.models.watch=false"})
@ActiveProfiles({"demo", "test"})
public abstract class OpenAiProcessTest {

    private static final int PORT = freePort();

    @RegisterExtension
    protected static final WireMockExtension openAi = WireMockExtension.newInstance()
            .options(wireMockConfig().port(PORT)).build();

    @DynamicPropertySource
    static void openAiBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.openai.base-url", () -> "http://localhost:" + PORT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
