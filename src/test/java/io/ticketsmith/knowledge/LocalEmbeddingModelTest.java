package io.ticketsmith.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
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

    @Test
    void eachBuildGivesTheVectorsOfTheLibrarysOwnModel() {
        String longText = "The export job fails with a timeout while writing the monthly report. ".repeat(60);
        Map<LocalEmbeddingModel.Variant, dev.langchain4j.model.embedding.EmbeddingModel> libraries = Map.of(
                LocalEmbeddingModel.Variant.FULL, new AllMiniLmL6V2EmbeddingModel(),
                LocalEmbeddingModel.Variant.QUANTISED, new AllMiniLmL6V2QuantizedEmbeddingModel());

        libraries.forEach((variant, library) -> {
            LocalEmbeddingModel ours = new LocalEmbeddingModel(variant);
            for (String text : List.of("Login page returns HTTP 500 after deploy", "Rechnung 2024-117 fehlt im Portal",
                    longText)) {
                assertThat(ours.embed(text)).as(variant + ": " + text)
                        .containsExactly(library.embed(text).content().vector(), within(1e-5f));
            }
        });
    }

    @Test
    void theDefaultIsTheQuantisedBuildWhoseVectorsPointWhereTheFullModelsDo() {
        LocalEmbeddingModel full = new LocalEmbeddingModel(LocalEmbeddingModel.Variant.FULL);
        assertThat(MODEL.variant()).isEqualTo(LocalEmbeddingModel.Variant.QUANTISED);

        for (String text : List.of("Login page returns HTTP 500 after deploy", "Rechnung 2024-117 fehlt im Portal",
                "Please refund my order 4711, it arrived broken")) {
            float[] quantised = MODEL.embed(text);
            float[] exact = full.embed(text);
            assertThat(quantised).as(text).isNotEqualTo(exact);
            assertThat(cosine(quantised, exact)).as(text).isGreaterThan(0.98);
        }
    }

    @Test
    void textsEmbeddedFromManyThreadsAtOnceGetTheirOwnVectors() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            texts.add("Ticket " + i + ": the " + (i % 2 == 0 ? "checkout" : "invoice") + " page shows error " + (400 + i));
        }
        List<float[]> alone = texts.stream().map(MODEL::embed).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[]>> together = texts.stream().map(text -> pool.submit(() -> MODEL.embed(text))).toList();
            for (int i = 0; i < texts.size(); i++) {
                assertThat(together.get(i).get()).as(texts.get(i)).containsExactly(alone.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void loadingTheModelStartsNoThreadsOfItsOwn() throws Exception {
        String name = "embedding-loader";
        Thread loader = new Thread(() -> LocalEmbeddingModel.load(LocalEmbeddingModel.Variant.QUANTISED), name);
        loader.start();
        loader.join();

        // Threads the runtime starts natively carry the name of the thread that started them (cut to 15 characters).
        assertThat(threadsNamed(name.substring(0, 15))).isZero();
    }

    private static long threadsNamed(String name) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> {
                try {
                    return Files.readString(task.resolve("comm")).strip().equals(name);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    private static double cosine(float[] a, float[] b) {
        return KnowledgeIndex.cosine(a, b);
    }
}
