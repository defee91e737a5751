package io.movierecs.index.vectors;

/**
 * How a trained IVF index stores each vector in its inverted lists. The exact index of a small catalog always
 * keeps full floats.
 */
public enum VectorEncoding {

    /**
     * Half-precision floats ({@code IVF<nlist>,SQfp16}): half the bytes of {@link #FP32}, the same neighbours
     * (scores differ in the fourth decimal), and a faster search: the scan of the probed lists reads half the
     * memory and AVX2 converts halves to floats in one instruction.
     */
    FP16(",SQfp16", 2),
    /** Full floats ({@code IVF<nlist>,Flat}). */
    FP32(",Flat", 4);

    private final String factorySuffix;
    private final int bytesPerDimension;

    VectorEncoding(String factorySuffix, int bytesPerDimension) {
        this.factorySuffix = factorySuffix;
        this.bytesPerDimension = bytesPerDimension;
    }

    /** The Faiss factory string of an IVF index with this encoding. */
    public String ivfFactory(int nlist) {
        return "IVF" + nlist + factorySuffix;
    }

    /** The Faiss factory string of a trained index read back, from its list count and its bytes per vector. */
    static String ivfFactory(long nlist, long codeSize, int dimension) {
        for (VectorEncoding encoding : values()) {
            if (codeSize == (long) encoding.bytesPerDimension * dimension) {
                return encoding.ivfFactory((int) nlist);
            }
        }
        return "IVF" + nlist + " (" + codeSize + " bytes per vector)";
    }
}
