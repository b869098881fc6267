package io.ticketsmith.knowledge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inner loop of {@link VectorMemory}'s scan: the product of a query (a unit vector of floats) with one document's
 * quantised vector (a signed byte per dimension), before the document's scale. Two ways to compute it:
 * {@link #SCALAR}, plain Java, and {@code VectorisedDot}, the JDK's vector API, which multiplies 8 (AVX2) or 16
 * (AVX-512) dimensions per instruction. The vector API is still an incubator module in Java 17, so the JVM has it only
 * when started with {@code --add-modules jdk.incubator.vector}, as the image, the tests and the benchmarks start it;
 * without it, or on a processor with vectors narrower than 256 bits, the scan is the plain one.
 */
abstract class QuantisedDot {

    private static final Logger log = LoggerFactory.getLogger(QuantisedDot.class);

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** Four sums over interleaved dimensions, so each addition waits for the one four steps back, not the one before. */
    static final QuantisedDot SCALAR = new QuantisedDot() {
        @Override
        float dot(float[] query, byte[] vectors, int offset, int dimension) {
            float first = 0;
            float second = 0;
            float third = 0;
            float fourth = 0;
            int i = 0;
            for (; i + 3 < dimension; i += 4) {
                first += query[i] * vectors[offset + i];
                second += query[i + 1] * vectors[offset + i + 1];
                third += query[i + 2] * vectors[offset + i + 2];
                fourth += query[i + 3] * vectors[offset + i + 3];
            }
            for (; i < dimension; i++) {
                first += query[i] * vectors[offset + i];
            }
            return (first + second) + (third + fourth);
        }

        @Override
        public String toString() {
            return "plain Java";
        }
    };

    /**
     * {@code query[0..dimension)} times {@code vectors[offset..offset + dimension)}; the order of the additions, and
     * so the rounding, is the implementation's.
     */
    abstract float dot(float[] query, byte[] vectors, int offset, int dimension);

    /** The fastest way this JVM offers, chosen once per JVM and logged. */
    static QuantisedDot best() {
        QuantisedDot chosen = SCALAR;
        String why = "start the JVM with --add-modules " + VECTOR_MODULE + " for the vectorised one";
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {
            try {
                // Loaded by name: without the module its class could not even be linked.
                chosen = (QuantisedDot) Class.forName(QuantisedDot.class.getPackageName() + ".VectorisedDot")
                        .getDeclaredConstructor().newInstance();
                why = "the JVM's vector API";
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                why = "the vector API is not usable here: " + rootMessage(e);
            }
        }
        log.info("Similar-tickets scan: {} ({})", chosen, why);
        return chosen;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
