package io.movierecs.index.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.index.store.MovieMetadata;
import io.movierecs.index.store.StoredMovie;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MoviesCodecTest {

    @Test
    void creditsRoundTrip() throws IOException {
        StoredMovie movie = new StoredMovie(858, new float[] {0.6f, 0.8f}, new MovieMetadata("Godfather, The", 1972,
                List.of("Crime"), null, "m", "h", 5L, "01", List.of("Francis Ford Coppola"),
                List.of("Marlon Brando", "Al Pacino")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MoviesCodec.write(new DataOutputStream(bytes), 2, List.of(movie), Map.of(7L, "02"));

        MoviesCodec.Decoded read = MoviesCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 2);

        assertThat(read.movies()).hasSize(1);
        assertThat(read.movies().get(0).metadata()).isEqualTo(movie.metadata());
        assertThat(read.deleted()).containsEntry(7L, "02");
    }

    @Test
    void snapshotsWrittenBeforeCreditsStillLoad() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("MRMOVIE1".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(1);
        out.writeInt(1);
        out.writeLong(42);
        string(out, "Old");
        out.writeInt(1999);
        out.writeInt(1);
        string(out, "Drama");
        out.writeInt(-1);
        string(out, "m");
        string(out, "h");
        out.writeLong(9L);
        string(out, "0a");
        out.writeFloat(Float.intBitsToFloat(Integer.reverseBytes(Float.floatToIntBits(1f))));
        out.writeInt(0);

        MoviesCodec.Decoded read = MoviesCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1);

        MovieMetadata old = read.movies().get(0).metadata();
        assertThat(old.title()).isEqualTo("Old");
        assertThat(old.sourceVersion()).isEqualTo("0a");
        assertThat(old.directors()).isEmpty();
        assertThat(old.cast()).isEmpty();
        assertThat(read.movies().get(0).vector()).containsExactly(1f);
    }

    private static void string(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
