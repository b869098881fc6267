package io.ticketsmith.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * The default embedding model, as a Spring AI {@code EmbeddingModel}: all-MiniLM-L6-v2 (384 dimensions) in ONNX,
 * shipped inside its jar and run in-process, so it needs no key, no network and never downloads anything. It comes in
 * two builds ({@link Variant}): with weights of 8 bits, the default, which costs two to three times less CPU per text,
 * and as published, with weights of 32 bits. With
 * {@code spring.ai.model.embedding=openai} or {@code ollama} Spring AI's own model is used instead. The model is
 * loaded on first use, so a node that never embeds pays nothing for it, and once per process (its file is 23 MB
 * quantised, 90 MB full).
 *
 * <p>Each text is embedded on the calling thread alone. ONNX Runtime's default session splits every inference across
 * a pool of its own threads, one per core, which wait for work by spinning; with many analysis workers embedding at
 * once on a small machine those threads took the cores from the engine and the database for nothing.
 */
public class LocalEmbeddingModel extends AbstractEmbeddingModel {

    public static final int DIMENSIONS = 384;
    /** What an empty text is embedded as: the model refuses blank input, an index must not. */
    private static final String EMPTY = "-";

    /** The two builds of the model shipped with the application; {@link #QUANTISED} is the default. */
    public enum Variant {
        /** Weights of 8 bits: two to three times less CPU per text, scores within about 0.01 of the full model's. */
        QUANTISED("all-minilm-l6-v2-q"),
        /** Weights of 32 bits, the model as published. */
        FULL("all-minilm-l6-v2");

        private final String name;

        Variant(String name) {
            this.name = name;
        }

        /** The model's name as stored with every embedding it made ({@code ts_knowledge.embedding_model}). */
        public String modelName() {
            return name;
        }

        String modelResource() {
            return name + ".onnx";
        }

        String tokenizerResource() {
            return name + "-tokenizer.json";
        }
    }

    /** Each variant is loaded once per process, on first use. */
    private static final java.util.Map<Variant, MiniLm> MODELS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Variant variant;

    /** The default variant, {@link Variant#QUANTISED}. */
    public LocalEmbeddingModel() {
        this(Variant.QUANTISED);
    }

    public LocalEmbeddingModel(Variant variant) {
        this.variant = java.util.Objects.requireNonNull(variant, "variant");
    }

    public Variant variant() {
        return variant;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<TextSegment> segments = request.getInstructions().stream()
                .map(text -> TextSegment.from(text == null || text.isBlank() ? EMPTY : text)).toList();
        List<dev.langchain4j.data.embedding.Embedding> vectors = model().embedAll(segments).content();
        List<Embedding> embeddings = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            embeddings.add(new Embedding(vectors.get(i).vector(), i));
        }
        return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
        return embed(getEmbeddingContent(document));
    }

    @Override
    public float[] embed(String text) {
        return model().embed(text == null || text.isBlank() ? EMPTY : text).content().vector();
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    private MiniLm model() {
        MiniLm loaded = MODELS.get(variant);
        return loaded != null ? loaded : MODELS.computeIfAbsent(variant, chosen -> new MiniLm(load(chosen)));
    }

    /** A session of the model's own, one thread and no spinning; each call loads the model again. */
    static OnnxBertBiEncoder load(Variant variant) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                InputStream tokenizer = resource(variant.tokenizerResource())) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            byte[] onnx;
            try (InputStream in = resource(variant.modelResource())) {
                onnx = in.readAllBytes();
            }
            OrtSession session = environment.createSession(onnx, options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
        } catch (OrtException e) {
            throw new IllegalStateException("The embedding model could not be loaded", e);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedding model could not be read", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = LocalEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("The embedding model's " + name + " is not on the class path");
        }
        return in;
    }

    /** The library's in-process model around our own session; several texts at once are embedded one after another. */
    private static final class MiniLm extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        MiniLm(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
    }
}
