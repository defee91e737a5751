package io.movierecs.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.movierecs.embedding.ParityFixture.Reference;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every fp32 vector matches sentence-transformers on the fixture texts. */
class ParityTest {

    private static final Logger log = LoggerFactory.getLogger(ParityTest.class);
    private static final double MIN_COSINE = 0.9999;

    private final MiniLmEncoder encoder = SharedEncoders.fp32();
    private final List<Reference> references = ParityFixture.references();

    @Test
    void fixtureCoversShortLongAndTruncatedTexts() {
        assertThat(references).hasSizeGreaterThanOrEqualTo(200);
        assertThat(references).allSatisfy(r -> assertThat(r.vector()).hasSize(MiniLmEncoder.DIMENSION));
        assertThat(references).filteredOn(r -> r.tokens() > 128 && r.tokens() <= 256).hasSizeGreaterThan(5);
        assertThat(references).filteredOn(r -> r.tokens() > 256).hasSizeGreaterThan(5);
        assertThat(references).filteredOn(r -> !r.text().chars().allMatch(c -> c < 128)).isNotEmpty();
    }

    @Test
    void batchVectorsMatchSentenceTransformers() {
        List<float[]> vectors = encoder.embedBatch(ParityFixture.texts());

        assertMatches(vectors, "embedBatch");
    }

    @Test
    void singleTextVectorsMatchSentenceTransformers() {
        List<float[]> vectors = references.stream().map(r -> encoder.embed(r.text())).toList();

        assertMatches(vectors, "embed");
    }

    private void assertMatches(List<float[]> vectors, String how) {
        double min = 1;
        String worst = "";
        for (int i = 0; i < references.size(); i++) {
            double cosine = VectorMath.cosine(vectors.get(i), references.get(i).vector());
            if (cosine < min) {
                min = cosine;
                worst = references.get(i).text();
            }
        }
        log.info("{}: min cosine to sentence-transformers over {} texts = {} (1 - {}), for \"{}\"", how,
                references.size(), String.format("%.9f", min), String.format("%.1e", 1 - min),
                abbreviate(worst));
        for (int i = 0; i < references.size(); i++) {
            Reference reference = references.get(i);
            assertThat(VectorMath.cosine(vectors.get(i), reference.vector()))
                    .as("%s of \"%s\" (%d tokens)", how, abbreviate(reference.text()), reference.tokens())
                    .isGreaterThanOrEqualTo(MIN_COSINE);
            assertThat(VectorMath.norm(vectors.get(i))).isCloseTo(1.0, within(1e-5));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
