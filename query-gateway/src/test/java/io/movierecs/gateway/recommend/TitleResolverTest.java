package io.movierecs.gateway.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierecs.gateway.StubIndex;
import io.movierecs.gateway.index.MovieNotFoundException;
import org.junit.jupiter.api.Test;

class TitleResolverTest {

    private final TitleResolver resolver = new TitleResolver(new StubIndex());

    @Test
    void normalisesCaseAccentsPunctuationAndTrailingArticles() {
        assertThat(TitleResolver.normalise("Matrix, The")).isEqualTo("the matrix");
        assertThat(TitleResolver.normalise("  The MATRIX ")).isEqualTo("the matrix");
        assertThat(TitleResolver.normalise("Amélie: Le Fabuleux")).isEqualTo("amelie le fabuleux");
        assertThat(TitleResolver.normalise("Godfather: Part II, The")).isEqualTo("the godfather part ii");
    }

    @Test
    void aTrailingYearIsSplitOff() {
        assertThat(TitleResolver.parse("Heat (1995)")).isEqualTo(new TitleResolver.TitleQuery("Heat", 1995));
        assertThat(TitleResolver.parse("Heat")).isEqualTo(new TitleResolver.TitleQuery("Heat", null));
        assertThat(TitleResolver.parse("(1995)")).isEqualTo(new TitleResolver.TitleQuery("(1995)", null));
    }

    @Test
    void exactBeatsSimilarAndTyposFindTheBest() {
        assertThat(resolver.resolve("the matrix").movieId()).isEqualTo(2571);
        assertThat(resolver.resolve("Matrix, The").movieId()).isEqualTo(2571);
        assertThat(resolver.resolve("The Godfather").movieId()).isEqualTo(858);
        assertThat(resolver.resolve("The Godfather (1974)").movieId()).as("year disambiguates").isEqualTo(1221);
        assertThat(resolver.resolve("Toy Stroy").movieId()).isEqualTo(1);
        assertThatThrownBy(() -> resolver.resolve("Zebra Crossing")).isInstanceOf(MovieNotFoundException.class);
    }

    @Test
    void similarityIsOneForEqualAndLowForUnrelated() {
        assertThat(TitleResolver.similarity("heat", "heat")).isEqualTo(1.0);
        assertThat(TitleResolver.similarity("toy story", "toy stroy")).isBetween(0.6, 0.99);
        assertThat(TitleResolver.similarity("heat", "matrix")).isLessThan(TitleResolver.MIN_SIMILARITY);
    }
}
