package io.ticketsmith.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingResponse;

class LocalEmbeddingModelTest {

    private static final LocalEmbeddingModel MODEL = new LocalEmbeddingModel();

    @Test
    void sameIncidentInOtherWordsIsCloseAndAnUnrelatedRequestIsNot() {
        float[] login = MODEL.embed("Login page returns HTTP 500 after deploy");
        float[] signingIn = MODEL.embed("Users get error 500 when signing in since yesterday's release");
        float[] refund = MODEL.embed("Please refund my order 4711, it arrived broken");

        assertThat(login).hasSize(LocalEmbeddingModel.DIMENSIONS);
        assertThat(cosine(login, signingIn)).isGreaterThan(0.45);
        assertThat(cosine(login, refund)).isLessThan(0.2);
        assertThat(cosine(login, signingIn)).isGreaterThan(cosine(login, refund) + 0.3);
    }

    @Test
    void batchesGiveTheSameVectorsAsSingleTextsInOrder() {
        List<String> texts = List.of("Checkout button does nothing", "Invoice PDF is empty");

        EmbeddingResponse response = MODEL.embedForResponse(texts);

        assertThat(response.getResults()).hasSize(2);
        assertThat(cosine(response.getResults().get(1).getOutput(), MODEL.embed(texts.get(1)))).isGreaterThan(0.999);
        assertThat(response.getResults().get(0).getIndex()).isZero();
    }

    @Test
    void emptyTextIsEmbeddedRatherThanRefused() {
        assertThat(MODEL.embed("")).hasSize(LocalEmbeddingModel.DIMENSIONS);
    }

    private static double cosine(float[] a, float[] b) {
        return KnowledgeIndex.cosine(a, b);
    }
}
