package io.movierecs.index.snapshot;

import io.movierecs.index.store.MovieMetadata;
import io.movierecs.index.store.StoredMovie;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code movies.bin}: magic {@code MRMOVIE2}, dimension, then per movie its id, metadata (directors and cast
 * last) and vector (little-endian float32), then the deleted movies' ids and versions. Strings are
 * length-prefixed UTF-8; absent ones have length -1. {@code MRMOVIE1} files (no directors or cast) still read.
 */
final class MoviesCodec {

    private static final byte[] MAGIC = "MRMOVIE2".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC_V1 = "MRMOVIE1".getBytes(StandardCharsets.US_ASCII);
    private static final int NO_YEAR = Integer.MIN_VALUE;

    private MoviesCodec() {
    }

    static void write(DataOutputStream out, int dimension, List<StoredMovie> movies, Map<Long, String> deleted)
            throws IOException {
        out.write(MAGIC);
        out.writeInt(dimension);
        out.writeInt(movies.size());
        ByteBuffer vector = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (StoredMovie movie : movies) {
            MovieMetadata m = movie.metadata();
            out.writeLong(movie.movieId());
            writeString(out, m.title());
            out.writeInt(m.year() == null ? NO_YEAR : m.year());
            writeStrings(out, m.genres());
            writeString(out, m.posterUrl());
            writeString(out, m.modelId());
            writeString(out, m.textHash());
            out.writeLong(m.sourceTsMs());
            writeString(out, m.sourceVersion());
            writeStrings(out, m.directors());
            writeStrings(out, m.cast());
            vector.clear();
            vector.asFloatBuffer().put(movie.vector());
            out.write(vector.array());
        }
        out.writeInt(deleted.size());
        for (Map.Entry<Long, String> entry : deleted.entrySet()) {
            out.writeLong(entry.getKey());
            writeString(out, entry.getValue());
        }
    }

    static Decoded read(DataInputStream in, int expectedDimension) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        boolean credits = java.util.Arrays.equals(magic, MAGIC);
        if (!credits && !java.util.Arrays.equals(magic, MAGIC_V1)) {
            throw new IOException("not a movies file (bad magic)");
        }
        int dimension = in.readInt();
        if (dimension != expectedDimension) {
            throw new IOException("snapshot holds " + dimension + "-d vectors, the service " + expectedDimension);
        }
        int count = in.readInt();
        List<StoredMovie> movies = new ArrayList<>(count);
        byte[] raw = new byte[dimension * Float.BYTES];
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            String title = readString(in);
            int year = in.readInt();
            List<String> genres = readStrings(in);
            String posterUrl = readString(in);
            String modelId = readString(in);
            String textHash = readString(in);
            long sourceTsMs = in.readLong();
            String sourceVersion = readString(in);
            List<String> directors = credits ? readStrings(in) : List.of();
            List<String> cast = credits ? readStrings(in) : List.of();
            MovieMetadata metadata = new MovieMetadata(title, year == NO_YEAR ? null : year, genres, posterUrl,
                    modelId, textHash, sourceTsMs, sourceVersion, directors, cast);
            in.readFully(raw);
            float[] vector = new float[dimension];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
            movies.add(new StoredMovie(id, vector, metadata));
        }
        int deletedCount = in.readInt();
        Map<Long, String> deleted = new HashMap<>();
        for (int i = 0; i < deletedCount; i++) {
            deleted.put(in.readLong(), readString(in));
        }
        return new Decoded(movies, deleted);
    }

    private static void writeStrings(DataOutputStream out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            writeString(out, text);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1 << 16) {
            throw new IOException("corrupt list length " + count);
        }
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(readString(in));
        }
        return texts;
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > 1 << 24) {
            throw new IOException("corrupt string length " + length);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    record Decoded(List<StoredMovie> movies, Map<Long, String> deleted) {
    }
}
