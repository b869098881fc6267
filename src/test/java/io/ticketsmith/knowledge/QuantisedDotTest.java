package io.ticketsmith.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The scan's inner product, vectorised where the JVM allows, plain Java where it does not. */
class QuantisedDotTest {

    @Test
    void theTestsJvmScansWithTheVectorApiAsTheApplicationDoes() {
        assumeTrue(FloatVector.SPECIES_PREFERRED.length() >= 8, "a processor with vectors of 256 bits or more");

        assertThat(QuantisedDot.best()).isInstanceOf(VectorisedDot.class);
    }

    @Test
    void bothWaysGiveTheExactProductToRoundingForEveryDimension() {
        List<QuantisedDot> ways = new ArrayList<>(List.of(QuantisedDot.SCALAR));
        QuantisedDot best = QuantisedDot.best();
        if (best != QuantisedDot.SCALAR) {
            ways.add(best);
        }
        Random random = new Random(7);
        // Below, at and past one vector (8 or 16 lanes) and two, and the models' sizes with and without a tail.
        for (int dimension : new int[] {1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 384, 387, 768, 1024}) {
            int offset = 5 + random.nextInt(50);
            byte[] vectors = new byte[offset + dimension + 11];
            random.nextBytes(vectors);
            float[] query = new float[dimension];
            double exact = 0;
            double magnitude = 0;
            for (int i = 0; i < dimension; i++) {
                query[i] = (float) random.nextGaussian();
                exact += (double) query[i] * vectors[offset + i];
                magnitude += Math.abs((double) query[i] * vectors[offset + i]);
            }
            for (QuantisedDot way : ways) {
                assertThat((double) way.dot(query, vectors, offset, dimension))
                        .as("%s, %d dimensions", way, dimension)
                        .isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5 * magnitude + 1e-6));
            }
        }
    }

    @Test
    void theLastDimensionCountsInEveryWay() {
        for (QuantisedDot way : List.of(QuantisedDot.SCALAR, QuantisedDot.best())) {
            for (int dimension : new int[] {17, 384, 387}) {
                byte[] vectors = new byte[dimension];
                vectors[dimension - 1] = 100;
                float[] query = new float[dimension];
                query[dimension - 1] = 0.5f;

                assertThat(way.dot(query, vectors, 0, dimension)).as("%s, %d", way, dimension).isEqualTo(50f);
            }
        }
    }

    /** {@code java -jar} without the module must still start and scan: the plain way, chosen without an error. */
    @Test
    void aJvmWithoutTheVectorModuleScansInPlainJava() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), WhichScan.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("scan: plain Java").contains("dot 50.0");
    }

    /** Run in a JVM of its own by the test above. */
    static final class WhichScan {
        public static void main(String[] args) {
            QuantisedDot way = QuantisedDot.best();
            byte[] vectors = new byte[384];
            vectors[383] = 100;
            float[] query = new float[384];
            query[383] = 0.5f;
            System.out.println("scan: " + way);
            System.out.println("dot " + way.dot(query, vectors, 0, 384));
        }
    }
}
