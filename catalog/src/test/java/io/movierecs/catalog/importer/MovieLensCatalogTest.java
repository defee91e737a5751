package io.movierecs.catalog.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensCatalogTest {

    @TempDir
    Path dir;

    private final List<ImportProblem> problems = new ArrayList<>();
    private MovieLensCatalog catalog;

    @BeforeEach
    void writeTagsAndLinks() throws IOException {
        Files.writeString(dir.resolve("tags.csv"), """
                userId,movieId,tag,timestamp
                1,1,pixar,1
                2,1,Pixar,2
                3,1,"fun, for kids",3
                4,2,not-a-number-row
                5,abc,x,5
                """);
        Files.writeString(dir.resolve("links.csv"), """
                movieId,imdbId,tmdbId
                1,0114709,862
                2,0113497,
                """);
        catalog = MovieLensCatalog.read(dir, new MovieLensReader(problems::add, Progress.NONE));
    }

    @Test
    void splitsTitleAndYearAndAggregatesTagsAndLinks() {
        MovieUpsert movie = catalog.movie(row("1,Toy Story (1995),Adventure|Animation|Children"));

        assertThat(movie.movieId()).isEqualTo(1);
        assertThat(movie.values())
                .containsEntry("title", "Toy Story")
                .containsEntry("release_year", 1995)
                .containsEntry("genres", "Adventure|Animation|Children")
                .containsEntry("keywords", "pixar|fun, for kids")
                .containsEntry("imdb_id", "tt0114709")
                .containsEntry("tmdb_id", 862L);
    }

    @Test
    void handlesMissingYearRangesAndNoGenres() {
        assertThat(catalog.movie(row("2,Jumanji,(no genres listed)")).values())
                .containsEntry("title", "Jumanji").containsEntry("release_year", null).containsEntry("genres", "")
                .containsEntry("tmdb_id", null);
        assertThat(catalog.movie(row("3,\"Ten Commandments, The (2006\u20132007)\",Drama")).values())
                .containsEntry("title", "Ten Commandments, The").containsEntry("release_year", 2006);
        assertThat(catalog.movie(row("4,\"Babylon 5 \",Sci-Fi")).values()).containsEntry("title", "Babylon 5");
    }

    @Test
    void reportsMalformedRowsWithFileAndLine() {
        assertThat(problems).extracting(ImportProblem::toString).containsExactly(
                "tags.csv:5: expected 4 fields but found 3",
                "tags.csv:6: movieId is not a number: 'abc'");
        assertThatThrownBy(() -> catalog.movie(row("x,Title (2000),Drama")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("movieId is not a number");
        assertThatThrownBy(() -> catalog.movie(row("9, ,Drama")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no title");
    }

    private static CSVRecord row(String line) {
        try {
            return CSVFormat.RFC4180.parse(new StringReader(line)).getRecords().get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
