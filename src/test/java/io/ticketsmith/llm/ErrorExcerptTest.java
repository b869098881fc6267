package io.ticketsmith.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ErrorExcerptTest {

    @Test
    void credentialsInUrlsAndQueryStringsAreMasked() {
        String text = "I/O error on POST request for \"http://bob:hunter2@ollama.internal/api/chat?token=abc123\"";

        assertThat(ErrorExcerpt.of(text, List.of()))
                .isEqualTo("I/O error on POST request for \"http://***@ollama.internal/api/chat?token=***\"");
    }

    @Test
    void whitespaceIsCollapsedAndNothingBecomesEmpty() {
        assertThat(ErrorExcerpt.of("  model \n\n 'llama3.2' not found\t", List.of()))
                .isEqualTo("model 'llama3.2' not found");
        assertThat(ErrorExcerpt.of(null, List.of())).isEmpty();
    }
}
