package io.movierecs.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * fp32: a text's vector does not depend on the batch it was embedded in, nor on its padding.
 * (ParityTest covers the whole fixture in one {@code embedBatch} call.)
 */
class BatchConsistencyTest {

    private static final double MIN_COSINE = 0.9999;

    private final MiniLmEncoder encoder = SharedEncoders.fp32();
    private final List<String> texts = ParityFixture.texts();
    private final Map<String, float[]> single = new HashMap<>();

    @Test
    void shuffledTextsInSmallUnsortedBatches() {
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(7));
        // six batches of 7 (maxBatchSize 16 keeps each whole): short and long texts share the padding
        for (int from = 0; from < 42; from += 7) {
            List<String> batch = shuffled.subList(from, from + 7);
            List<float[]> vectors = encoder.embedBatch(batch);
            for (int k = 0; k < batch.size(); k++) {
                assertSameAsSingle(batch.get(k), vectors.get(k));
            }
        }
    }

    @Test
    void textsPaddedToTheLongestText() {
        String longest = texts.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
        for (int i = 0; i < texts.size(); i += 20) {
            List<float[]> vectors = encoder.embedBatch(List.of(texts.get(i), longest));
            assertSameAsSingle(texts.get(i), vectors.get(0));
        }
    }

    @Test
    void batchesSplitByMaxBatchSize() {
        List<String> subset = texts.subList(0, 30);
        try (MiniLmEncoder smallBatches = MiniLmEncoder.load(EncoderOptions.defaults().withMaxBatchSize(4))) {
            List<float[]> vectors = smallBatches.embedBatch(subset);
            for (int i = 0; i < subset.size(); i++) {
                assertSameAsSingle(subset.get(i), vectors.get(i));
            }
        }
    }

    private void assertSameAsSingle(String text, float[] batched) {
        float[] alone = single.computeIfAbsent(text, encoder::embed);
        assertThat(VectorMath.cosine(batched, alone))
                .as("batched vs single vector of \"%s\"", text)
                .isGreaterThanOrEqualTo(MIN_COSINE);
    }
}
