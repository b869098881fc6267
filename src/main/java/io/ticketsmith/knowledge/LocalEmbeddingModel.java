package io.ticketsmith.knowledge;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.AbstractEmbeddingModel;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * The default embedding model, as a Spring AI {@code EmbeddingModel}: all-MiniLM-L6-v2 (384 dimensions) in ONNX,
 * shipped inside its jar and run in-process, so it needs no key, no network and never downloads anything. With
 * {@code spring.ai.model.embedding=openai} or {@code ollama} Spring AI's own model is used instead. The model is
 * loaded on first use, so a node that never embeds pays nothing for it, and once per process (about 90 MB).
 */
public class LocalEmbeddingModel extends AbstractEmbeddingModel {

    public static final int DIMENSIONS = 384;
    /** What an empty text is embedded as: the model refuses blank input, an index must not. */
    private static final String EMPTY = "-";

    private static volatile AllMiniLmL6V2EmbeddingModel model;

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

    private static AllMiniLmL6V2EmbeddingModel model() {
        AllMiniLmL6V2EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (LocalEmbeddingModel.class) {
                loaded = model;
                if (loaded == null) {
                    loaded = new AllMiniLmL6V2EmbeddingModel();
                    model = loaded;
                }
            }
        }
        return loaded;
    }
}
