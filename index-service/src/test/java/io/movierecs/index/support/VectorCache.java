package io.movierecs.index.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Embedded vectors cached on disk between test runs, in {@code $MOVIE_RECS_CACHE} (default
 * {@code ~/.cache/movie-recs})/{@code movielens-vectors/<key>.bin}. The key is a SHA-256 of the model id and of
 * every (id, text) pair, so a new model, data set or text template never reads stale vectors. The file holds a
 * magic, the count, the width, then per movie its id and floats; it is written to a temporary file and moved into
 * place, and a file that does not match (ids, size) is ignored and rewritten.
 */
final class VectorCache {

    private static final int MAGIC = 0x4d525643; // "MRVC"

    private final Path file;

    private VectorCache(Path file) {
        this.file = file;
    }

    static VectorCache forTexts(String modelId, long[] ids, List<String> texts) {
        MessageDigest sha = sha256();
        sha.update(modelId.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < ids.length; i++) {
            sha.update(("\n" + ids[i] + "\t" + texts.get(i)).getBytes(StandardCharsets.UTF_8));
        }
        String key = HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        return new VectorCache(root().resolve("movielens-vectors").resolve(key + ".bin"));
    }

    static Path root() {
        String configured = System.getenv("MOVIE_RECS_CACHE");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "movie-recs");
    }

    Path file() {
        return file;
    }

    /** The cached vectors of {@code ids}, in that order, or null when absent or not matching. */
    float[][] read(long[] ids, int dimension) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != ids.length || in.readInt() != dimension) {
                return null;
            }
            float[][] vectors = new float[ids.length][dimension];
            for (int i = 0; i < ids.length; i++) {
                if (in.readLong() != ids[i]) {
                    return null;
                }
                for (int d = 0; d < dimension; d++) {
                    vectors[i][d] = in.readFloat();
                }
            }
            return in.read() == -1 ? vectors : null;
        } catch (IOException e) {
            return null;
        }
    }

    void write(long[] ids, float[][] vectors) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(ids.length);
                out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
                for (int i = 0; i < ids.length; i++) {
                    out.writeLong(ids[i]);
                    for (float x : vectors[i]) {
                        out.writeFloat(x);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the vector cache " + file, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
