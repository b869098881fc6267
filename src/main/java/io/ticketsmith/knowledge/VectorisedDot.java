package io.ticketsmith.knowledge;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link QuantisedDot} with the JDK's vector API: the processor's widest float vector (8 lanes with AVX2, 16 with
 * AVX-512), the document's bytes widened to floats a vector at a time, two accumulators so that one multiply-add need
 * not wait for the one before. Only {@link QuantisedDot#best} creates it, and only when the JVM has the module.
 */
final class VectorisedDot extends QuantisedDot {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    /**
     * As many bytes as {@link #FLOATS} has lanes; none for vectors narrower than 256 bits, whose byte vector would have
     * 32 bits, which the API does not have. A constant, as the vector API wants its species for the JIT to compile.
     */
    private static final VectorSpecies<Byte> BYTES = FLOATS.length() < 8 ? null
            : VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.length() * Byte.SIZE));

    VectorisedDot() {
        if (BYTES == null) {
            throw new UnsupportedOperationException("vectors of " + FLOATS.vectorBitSize() + " bits");
        }
    }

    @Override
    float dot(float[] query, byte[] vectors, int offset, int dimension) {
        int lanes = FLOATS.length();
        FloatVector first = FloatVector.zero(FLOATS);
        FloatVector second = FloatVector.zero(FLOATS);
        int i = 0;
        for (; i + 2 * lanes <= dimension; i += 2 * lanes) {
            first = widened(vectors, offset + i).fma(FloatVector.fromArray(FLOATS, query, i), first);
            second = widened(vectors, offset + i + lanes).fma(FloatVector.fromArray(FLOATS, query, i + lanes), second);
        }
        for (; i + lanes <= dimension; i += lanes) {
            first = widened(vectors, offset + i).fma(FloatVector.fromArray(FLOATS, query, i), first);
        }
        float sum = first.add(second).reduceLanes(VectorOperators.ADD);
        for (; i < dimension; i++) {
            sum += query[i] * vectors[offset + i];
        }
        return sum;
    }

    private FloatVector widened(byte[] vectors, int from) {
        return (FloatVector) ByteVector.fromArray(BYTES, vectors, from).convertShape(VectorOperators.B2F, FLOATS, 0);
    }

    @Override
    public String toString() {
        return "vectorised, " + FLOATS.length() + " floats per instruction";
    }
}
