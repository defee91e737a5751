package io.movierecs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void catalogTopicsFollowDebeziumNaming() {
        assertThat(Topics.catalog("catalog", "public").values())
                .extracting(Topic::name)
                .containsExactly("catalog.public.movies", "catalog.public.people", "catalog.public.movie_people");
    }

    @Test
    void deadLetterTopicAppendsDlq() {
        assertThat(Topics.catalog("catalog", "dbo", CatalogTable.PEOPLE).deadLetters().name())
                .isEqualTo("catalog.dbo.people.dlq");
    }

    @Test
    void unknownTableIsAClearError() {
        assertThat(CatalogTable.ofTableName("MOVIE_PEOPLE")).isEqualTo(CatalogTable.MOVIE_PEOPLE);
        assertThatThrownBy(() -> CatalogTable.ofTableName("ratings"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ratings");
    }
}
