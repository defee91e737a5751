package io.movierecs.faiss;

/**
 * How an index compares vectors. The code is Faiss's own {@code faiss::MetricType} value.
 */
public enum Metric {
    /** Inner product: larger scores are better; equals cosine similarity on normalised vectors. */
    INNER_PRODUCT(0),
    /** Squared Euclidean distance: smaller scores are better. */
    L2(1);

    private final int code;

    Metric(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    static Metric fromCode(int code) {
        for (Metric metric : values()) {
            if (metric.code == code) {
                return metric;
            }
        }
        throw new FaissException("index uses Faiss metric type " + code + ", which this binding does not support");
    }
}
