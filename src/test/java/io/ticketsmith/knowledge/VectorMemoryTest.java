package io.ticketsmith.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The first pass of a search: quantised vectors scanned for the nearest, and code-like words looked up. */
class VectorMemoryTest {

    private final VectorMemory memory = new VectorMemory();

    @Test
    void nearestAreFoundBestFirstWithTheirApproximateCosine() {
        memory.put("a", "jira", new float[] {1, 0, 0}, Set.of(), 1L);
        memory.put("b", "jira", new float[] {0.8f, 0.6f, 0}, Set.of(), 1L);
        memory.put("c", "request", new float[] {0, 0, 5}, Set.of(), 1L);

        List<VectorMemory.Candidate> nearest = memory.nearest(new float[] {2, 0, 0}, 2, null, false);

        assertThat(nearest).extracting(VectorMemory.Candidate::id).containsExactly("a", "b");
        assertThat(nearest.get(0).similarity()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(nearest.get(1).similarity()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void everyDimensionCountsWhateverTheModelsDimensionIs() {
        // 384 dimensions, and 387: the last three are past the last full group of four the scan adds up at once.
        for (int dimension : new int[] {384, 387}) {
            VectorMemory vectors = new VectorMemory();
            Random random = new Random(dimension);
            float[][] documents = new float[60][dimension];
            for (int d = 0; d < documents.length; d++) {
                for (int i = 0; i < dimension; i++) {
                    documents[d][i] = (float) random.nextGaussian();
                }
                vectors.put("doc-" + d, "jira", documents[d], Set.of(), 1L);
            }
            float[] tail = new float[dimension];
            tail[dimension - 1] = 1;
            vectors.put("tail", "jira", tail, Set.of(), 1L);
            float[] query = documents[7].clone();
            query[dimension - 1] += 40;

            List<VectorMemory.Candidate> nearest = vectors.nearest(query, documents.length + 1, null, false);

            assertThat(nearest).as("every document of %d dimensions", dimension).hasSize(documents.length + 1);
            for (VectorMemory.Candidate candidate : nearest) {
                float[] document = candidate.id().equals("tail") ? tail
                        : documents[Integer.parseInt(candidate.id().substring(4))];
                assertThat(candidate.similarity()).as("%s of %d dimensions", candidate.id(), dimension)
                        .isCloseTo(KnowledgeIndex.cosine(query, document), org.assertj.core.data.Offset.offset(0.01));
            }
        }
    }

    @Test
    void theApproximateScoreWeighsTheSimilarityAndTheShareOfTheQuerysWordsAsTheIndexDoes() {
        memory.put("a", "jira", new float[] {1, 0}, Set.of("login", "error", "500"), 1L);
        memory.put("b", "jira", new float[] {1, 0}, Set.of("refund", "parcel"), 1L);
        memory.put("c", "jira", new float[] {0, 1}, Set.of("login", "error"), 1L);
        memory.remove("c");

        var scores = memory.approximateScores(new float[] {3, 0}, List.of("a", "b", "c", "unknown"),
                VectorMemory.hashes(Set.of("login", "error", "timeout")), 0.7);

        assertThat(scores).containsOnlyKeys("a", "b");
        assertThat(scores.get("a")).isCloseTo(0.7 * 1.0 + 0.3 * 2 / 3.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(scores.get("b")).isCloseTo(0.7 * 1.0, org.assertj.core.data.Offset.offset(0.01));
        // A query without words is scored by its meaning alone.
        assertThat(memory.approximateScores(new float[] {1, 0}, List.of("a"), new int[0], 0.7).get("a"))
                .isCloseTo(0.7, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void sourcesAreIncludedOrExcludedAsAsked() {
        memory.put("a", "jira", new float[] {1, 0}, Set.of(), 1L);
        memory.put("b", "analysis", new float[] {1, 0}, Set.of(), 1L);

        assertThat(memory.nearest(new float[] {1, 0}, 5, "analysis", false))
                .extracting(VectorMemory.Candidate::id).containsExactly("b");
        assertThat(memory.nearest(new float[] {1, 0}, 5, "analysis", true))
                .extracting(VectorMemory.Candidate::id).containsExactly("a");
    }

    @Test
    void aReplacedOrRemovedDocumentKeepsNothingOfItsOldSelf() {
        memory.put("a", "jira", new float[] {1, 0}, Set.of("ora-01555"), 1L);
        memory.put("a", "jira", new float[] {0, 1}, Set.of("http-500"), 1L);
        memory.put("b", "jira", new float[] {1, 0}, Set.of("ora-01555"), 1L);

        assertThat(memory.containing(Set.of("ora-01555"), 10, null, false)).containsExactly("b");
        assertThat(memory.nearest(new float[] {0, 1}, 1, null, false)).extracting(VectorMemory.Candidate::id)
                .containsExactly("a");

        memory.remove("a");
        memory.put("c", "jira", new float[] {0, 1}, Set.of(), 1L);

        assertThat(memory.size()).isEqualTo(2);
        assertThat(memory.containing(Set.of("http-500"), 10, null, false)).isEmpty();
        assertThat(memory.nearest(new float[] {0, 1}, 1, null, false)).extracting(VectorMemory.Candidate::id)
                .containsExactly("c");
    }

    @Test
    void aVectorOfAnotherDimensionIsNotComparedWithTheRest() {
        memory.put("a", "jira", new float[] {1, 0}, Set.of(), 1L);
        memory.put("b", "jira", new float[] {1, 0, 0}, Set.of(), 1L);

        assertThat(memory.size()).isEqualTo(1);
        assertThat(memory.nearest(new float[] {1, 0, 0}, 5, null, false)).isEmpty();
    }
}
