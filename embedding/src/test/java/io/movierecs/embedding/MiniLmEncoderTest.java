package io.movierecs.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The encoder's contract: ids, shapes, unit vectors, input checks, lifecycle, offline switches. */
class MiniLmEncoderTest {

    private final MiniLmEncoder encoder = SharedEncoders.fp32();

    @Test
    void describesItsModel() {
        assertThat(encoder.modelId()).isEqualTo("all-MiniLM-L6-v2/onnx-fp32");
        assertThat(encoder.dim()).isEqualTo(384);
        assertThat(encoder.options().variant()).isEqualTo(ModelVariant.FP32);
    }

    @Test
    void threadSpinningIsOffByDefaultAndChangesNoVector() {
        assertThat(encoder.options().spinning()).isFalse();
        String text = "Toy Story (1995). Genres: Adventure, Animation, Children, Comedy, Fantasy.";
        try (MiniLmEncoder spinning = MiniLmEncoder.load(EncoderOptions.defaults().withSpinning(true))) {
            assertThat(spinning.options().spinning()).isTrue();
            assertThat(spinning.embed(text)).containsExactly(encoder.embed(text));
        }
    }

    @Test
    void vectorsHaveUnitNorm() {
        List<float[]> vectors = encoder.embedBatch(List.of("a", "A man is eating food.", "東京物語",
                "word ".repeat(400), "Title: Toy Story. Year: 1995. Genres: Adventure, Animation."));

        assertThat(vectors).hasSize(5);
        assertThat(vectors).allSatisfy(v -> {
            assertThat(v).hasSize(384);
            assertThat(VectorMath.norm(v)).isCloseTo(1.0, within(1e-5));
        });
    }

    @Test
    void rejectsNullAndBlankText() {
        assertThatThrownBy(() -> encoder.embed(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text is null");
        assertThatThrownBy(() -> encoder.embed(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text is blank");
        assertThatThrownBy(() -> encoder.embed(" \t\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text is blank");
        assertThatThrownBy(() -> encoder.embedBatch(Arrays.asList("fine", "  ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text at index 1 is blank");
        assertThatThrownBy(() -> encoder.embedBatch(Arrays.asList("fine", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text at index 1 is null");
    }

    @Test
    void emptyBatchGivesNoVectors() {
        assertThat(encoder.embedBatch(List.of())).isEmpty();
    }

    @Test
    void closedEncoderRefusesWorkAndClosesOnce() {
        MiniLmEncoder own = MiniLmEncoder.load();
        assertThat(own.embed("before close")).hasSize(384);

        own.close();
        own.close();

        assertThatThrownBy(() -> own.embed("after close"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void djlIsSwitchedOffline() {
        assertThat(System.getProperty(DjlOffline.OFFLINE_PROPERTY)).isEqualTo("true");
        assertThat(System.getProperty(DjlOffline.NO_ALTERNATIVE_PROPERTY)).isEqualTo("true");
        if (System.getenv(DjlOffline.TRACKING_KEY) == null) {
            assertThat(System.getProperty(DjlOffline.TRACKING_KEY)).isEqualTo("true");
        }
        assertThat(DjlOffline.engineCacheDir()).isNotBlank();
    }

    @Test
    void optionsAreValidated() {
        EncoderOptions defaults = EncoderOptions.defaults();
        assertThat(defaults.variant()).isEqualTo(ModelVariant.FP32);
        assertThat(defaults.maxTokens()).isEqualTo(256);
        assertThat(defaults.pooling()).isEqualTo(Pooling.MEAN);

        assertThatThrownBy(() -> new EncoderOptions(ModelVariant.FP32, 513, Pooling.MEAN, 64,
                0, defaults.engineCacheDir())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTokens");
        assertThatThrownBy(() -> defaults.withMaxBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> defaults.withIntraOpThreads(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intraOpThreads");
    }
}
