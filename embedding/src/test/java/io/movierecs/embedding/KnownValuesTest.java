package io.movierecs.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The fp32 encoder reproduces the sentence-transformers figures recorded in STACK.md. */
class KnownValuesTest {

    private final MiniLmEncoder encoder = SharedEncoders.fp32();

    @Test
    void firstDimensionsOfReadmeSentence() {
        float[] vector = encoder.embed("A man is eating food.");

        assertThat(vector).hasSize(384);
        assertThat(vector[0]).isCloseTo(0.033241525f, within(1e-5f));
        assertThat(vector[1]).isCloseTo(0.0044061188f, within(1e-5f));
        assertThat(vector[2]).isCloseTo(-0.006276991f, within(1e-5f));
        assertThat(vector[3]).isCloseTo(0.0483787f, within(1e-5f));
        assertThat(vector[4]).isCloseTo(-0.13870218f, within(1e-5f));
    }

    @Test
    void readmeTripletCosines() {
        List<float[]> v = encoder.embedBatch(List.of(
                "The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."));

        assertThat(VectorMath.cosine(v.get(0), v.get(1))).isCloseTo(0.6660, within(5e-5));
        assertThat(VectorMath.cosine(v.get(0), v.get(2))).isCloseTo(0.1046, within(5e-5));
        assertThat(VectorMath.cosine(v.get(1), v.get(2))).isCloseTo(0.1411, within(5e-5));
    }
}
