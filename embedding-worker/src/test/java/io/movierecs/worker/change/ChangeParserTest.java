package io.movierecs.worker.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierecs.events.CatalogTable;
import org.junit.jupiter.api.Test;

/** Envelopes as catalog-cdc, Kafka Connect + Debezium for PostgreSQL, and for SQL Server write them. */
class ChangeParserTest {

    private final ChangeParser movies = new ChangeParser(CatalogTable.MOVIES);

    @Test
    void readsPostgresEnvelopes() {
        CatalogChange change = movies.parse("""
                {"before":null,"after":{"movie_id":858,"title":"Godfather, The","release_year":1972},
                 "source":{"connector":"postgresql","ts_ms":1700000000123,"lsn":23456789},"op":"c","ts_ms":1}
                """).orElseThrow();

        assertThat(change.op()).isEqualTo(Op.CREATE);
        assertThat(change.movieId()).isEqualTo(858);
        assertThat(change.tsMs()).isEqualTo(1700000000123L);
        assertThat(change.version()).isEqualTo("000000000165ec15");
    }

    @Test
    void readsSqlServerEnvelopesAndKafkaConnectSchemaWrappers() {
        CatalogChange change = movies.parse("""
                {"schema":{"type":"struct"},"payload":{"before":{"movie_id":7,"title":"Old"},"after":null,
                 "source":{"connector":"sqlserver","ts_ms":5,"change_lsn":"00000027:00000758:0003",
                 "commit_lsn":"00000027:00000758:0005"},"op":"d"}}
                """).orElseThrow();

        assertThat(change.op()).isEqualTo(Op.DELETE);
        assertThat(change.row().path("title").asString()).isEqualTo("Old");
        assertThat(change.version()).isEqualTo("00000027:00000758:0003");
    }

    @Test
    void tombstoneYieldsNothing() {
        assertThat(movies.parse(null)).isEmpty();
    }

    @Test
    void rejectsWhatCannotBeProcessedWithTheReason() {
        assertThatThrownBy(() -> movies.parse("[1,2]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> movies.parse("{\"op\":\"c\",\"after\":{\"title\":\"T\"},\"source\":{\"lsn\":1}}"))
                .hasMessageContaining("without key column movie_id");
        assertThatThrownBy(() -> movies.parse("{\"op\":\"u\",\"after\":{\"movie_id\":1},\"source\":{\"lsn\":1}}"))
                .hasMessageContaining("without a title");
        assertThatThrownBy(() -> movies.parse("{\"op\":\"c\",\"after\":{\"movie_id\":1,\"title\":\"T\"}}"))
                .hasMessageContaining("cannot order the change");
        assertThatThrownBy(() -> new ChangeParser(CatalogTable.MOVIE_PEOPLE)
                .parse("{\"op\":\"c\",\"after\":{\"movie_id\":1,\"person_id\":2},\"source\":{\"lsn\":1}}"))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("role");
    }
}
