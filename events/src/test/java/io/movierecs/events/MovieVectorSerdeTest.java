package io.movierecs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MovieVectorSerdeTest {

    private static final MovieVector GODFATHER = new MovieVector(1, 858, "all-MiniLM-L6-v2/onnx-fp32",
            new float[] {0.5f, -0.25f, 1e-7f}, "ab12", "Godfather, The", 1972, List.of("Crime", "Drama"), null,
            1_700_000_000_000L, SourceVersion.ofPostgresLsn(0x1A2B3CL), 1_700_000_000_050L);

    private final MovieVectorSerde serde = new MovieVectorSerde();

    @Test
    void roundTripsThroughTheWireFormat() {
        byte[] bytes = serde.serializer().serialize("movie-vectors", GODFATHER);

        assertThat(serde.deserializer().deserialize("movie-vectors", bytes)).isEqualTo(GODFATHER);
    }

    @Test
    void vectorIsBase64OfLittleEndianFloat32() {
        JsonNode json = JsonMapper.builder().build().readTree(MovieVectorSerde.toJson(GODFATHER));

        assertThat(json.path("dim").asInt()).isEqualTo(3);
        // 0.5f = 0x3F000000, little-endian 00 00 00 3F
        assertThat(java.util.Base64.getDecoder().decode(json.path("vector").asString())).startsWith(0, 0, 0, 0x3F);
        assertThat(json.path("sourceVersion").asString()).isEqualTo("00000000001a2b3c");
        assertThat(json.path("year").asInt()).isEqualTo(1972);
        assertThat(json.path("posterUrl").isNull()).isTrue();
    }

    @Test
    void creditsRoundTripAndAreOptionalOnTheWire() {
        List<String> cast = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> "Actor " + i).toList();
        MovieVector credited = new MovieVector(1, 858, "m", new float[] {1f}, "h", "Godfather, The", 1972,
                List.of("Crime"), null, 1L, "01", 2L, List.of("Francis Ford Coppola"), cast);
        assertThat(credited.cast()).as("cast capped").hasSize(MovieVector.MAX_CAST).startsWith("Actor 1");

        MovieVector read = MovieVectorSerde.fromJson(MovieVectorSerde.toJson(credited));
        assertThat(read).isEqualTo(credited);
        assertThat(read.directors()).containsExactly("Francis Ford Coppola");

        String old = "{\"schemaVersion\":1,\"movieId\":1,\"modelId\":\"m\",\"dim\":1,\"vector\":\"AACAPw==\","
                + "\"textHash\":\"h\",\"title\":\"T\",\"sourceVersion\":\"01\"}";
        MovieVector withoutCredits = MovieVectorSerde.fromJson(old.getBytes(StandardCharsets.UTF_8));
        assertThat(withoutCredits.directors()).isEmpty();
        assertThat(withoutCredits.cast()).isEmpty();
    }

    @Test
    void tombstoneStaysNull() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void malformedValuesNameWhatIsWrong() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
        String wrongDim = new String(MovieVectorSerde.toJson(GODFATHER), StandardCharsets.UTF_8)
                .replace("\"dim\":3", "\"dim\":384");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", wrongDim.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("dim is 384");
        String future = new String(MovieVectorSerde.toJson(GODFATHER), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", future.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("schemaVersion 2");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{\"schemaVersion\":1}".getBytes()))
                .hasMessageContaining("without vector");
    }

    @Test
    void sourceVersionsOrderPostgresAndSqlServerLsns() {
        assertThat(SourceVersion.compare(SourceVersion.ofPostgresLsn(255), SourceVersion.ofPostgresLsn(4096)))
                .isNegative();
        assertThat(SourceVersion.compare("00000027:00000758:0003", "00000027:00000760:0001")).isNegative();
        assertThat(SourceVersion.compare(null, "0")).isNegative();
        assertThat(SourceVersion.max("0000000000000010", "000000000000000f")).isEqualTo("0000000000000010");
        assertThat(GODFATHER.isNotOlderThan(GODFATHER)).isTrue();
    }

    @Test
    void movieIdKeysAreDecimalText() {
        MovieIdSerde ids = new MovieIdSerde();
        assertThat(new String(ids.serializer().serialize("t", 858L), StandardCharsets.US_ASCII)).isEqualTo("858");
        assertThat(ids.deserializer().deserialize("t", "858".getBytes())).isEqualTo(858L);
        assertThatThrownBy(() -> ids.deserializer().deserialize("t", "x".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("'x'");
    }
}
