package io.movierecs.index.snapshot;

import io.movierecs.index.live.IndexInfo;
import io.movierecs.index.snapshot.SnapshotManifest.FileEntry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local snapshot folder: {@code <dir>/<id>/{index.faiss, movies.bin, manifest.json}}. A snapshot is
 * written into {@code <dir>/.tmp-<id>}, each file fsynced, the manifest (with the CRC32C of the others) last,
 * then the folder is renamed into place, so a crash leaves either a whole snapshot or a temporary folder
 * that is ignored and cleaned up.
 */
public final class SnapshotFolder {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path dir;

    public SnapshotFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes a capture as a new snapshot folder and returns its manifest. */
    public SnapshotManifest write(Capture capture, int dimension, String topic) throws IOException {
        IndexInfo info = capture.info();
        String id = SnapshotManifest.idOf(capture.createdAtMs(), capture.generation());
        Path temp = dir.resolve(TEMP_PREFIX + id);
        Files.createDirectories(temp);
        FileEntry index = writeFile(temp.resolve(SnapshotManifest.INDEX_FILE), out -> out.write(capture.indexBytes()));
        FileEntry movies = writeFile(temp.resolve(SnapshotManifest.MOVIES_FILE), out -> MoviesCodec.write(
                new DataOutputStream(out), dimension, capture.movies(), capture.deleted()));
        String modelId = capture.movies().isEmpty() ? "" : capture.movies().get(0).metadata().modelId();
        SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.FORMAT_VERSION, id,
                capture.createdAtMs(), capture.generation(), topic, capture.offsets(), dimension,
                info.layout().factory(), info.layout().nlist(), info.layout().nprobe(), capture.movies().size(),
                modelId, info.trainedAtMs(), info.trainedOn(), info.recallAt10(), info.buildSeconds(),
                Map.of(SnapshotManifest.INDEX_FILE, index, SnapshotManifest.MOVIES_FILE, movies));
        writeFile(temp.resolve(SnapshotManifest.MANIFEST_FILE), out -> out.write(JSON.writeValueAsBytes(manifest)));
        Path target = dir.resolve(id);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        fsync(dir);
        return manifest;
    }

    /** Snapshot ids present, newest first (temporary folders excluded). */
    public List<String> ids() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(SnapshotManifest.MANIFEST_FILE)))
                    .map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(TEMP_PREFIX))
                    .sorted(Comparator.reverseOrder()).toList();
        }
    }

    public SnapshotManifest manifest(String id) throws IOException {
        return manifestIn(dir.resolve(id));
    }

    /** Reads the manifest of a snapshot folder anywhere (e.g. one just downloaded). */
    public static SnapshotManifest manifestIn(Path folder) throws IOException {
        return JSON.readValue(Files.readAllBytes(folder.resolve(SnapshotManifest.MANIFEST_FILE)),
                SnapshotManifest.class);
    }

    /**
     * Moves a complete snapshot folder fetched from elsewhere into place as {@code id} (atomically; its
     * checksums are verified when it is read). A snapshot of that id already present is kept.
     */
    public void adopt(Path complete, String id) throws IOException {
        Path target = dir.resolve(id);
        if (Files.exists(target)) {
            return;
        }
        Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE);
        fsync(dir);
    }

    /** Reads and verifies a snapshot; an IOException names what is wrong. */
    public Loaded read(String id, int dimension) throws IOException {
        SnapshotManifest manifest = manifest(id);
        if (manifest.formatVersion() != SnapshotManifest.FORMAT_VERSION) {
            throw new IOException("snapshot " + id + " has format " + manifest.formatVersion());
        }
        Path folder = dir.resolve(id);
        byte[] index = Files.readAllBytes(folder.resolve(SnapshotManifest.INDEX_FILE));
        CRC32C crc = new CRC32C();
        crc.update(index);
        verify(id, SnapshotManifest.INDEX_FILE, manifest, index.length, crc.getValue());
        Path moviesFile = folder.resolve(SnapshotManifest.MOVIES_FILE);
        FileEntry movies = entryOf(moviesFile);
        verify(id, SnapshotManifest.MOVIES_FILE, manifest, movies.bytes(), Long.parseLong(movies.crc32c(), 16));
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(moviesFile),
                1 << 20))) {
            return new Loaded(manifest, index, MoviesCodec.read(in, dimension));
        }
    }

    /** Deletes all but the newest {@code keep} snapshots, and leftover temporary folders. */
    public void prune(int keep) throws IOException {
        List<String> ids = ids();
        for (String old : ids.subList(Math.min(keep, ids.size()), ids.size())) {
            deleteTree(dir.resolve(old));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path temp : entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                deleteTree(temp);
            }
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void verify(String id, String file, SnapshotManifest manifest, long size, long crc)
            throws IOException {
        FileEntry expected = manifest.files().get(file);
        if (expected == null || expected.bytes() != size || !expected.crc32c().equals(hex(crc))) {
            throw new IOException("snapshot " + id + ": " + file + " does not match its checksum (expected "
                    + expected + ", found " + size + " bytes, crc32c " + hex(crc) + ")");
        }
    }

    static String hex(long crc) {
        return String.format("%08x", crc);
    }

    /** Computes the size and CRC32C of a file already on disk. */
    static FileEntry entryOf(Path file) throws IOException {
        try (InputStream in = new CheckedInputStream(Files.newInputStream(file), new CRC32C())) {
            long size = in.transferTo(OutputStream.nullOutputStream());
            return new FileEntry(size, hex(((CheckedInputStream) in).getChecksum().getValue()));
        }
    }

    private static FileEntry writeFile(Path file, Writer writer) throws IOException {
        CRC32C crc = new CRC32C();
        try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
                CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 20), crc)) {
            writer.write(checked);
            checked.flush();
        }
        fsync(file);
        return new FileEntry(Files.size(file), hex(crc.getValue()));
    }

    private static void fsync(Path path) throws IOException {
        boolean directory = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * A verified snapshot, read into memory.
     *
     * @param manifest its manifest
     * @param indexBytes the index in Faiss's format
     * @param movies the movies and deleted versions
     */
    public record Loaded(SnapshotManifest manifest, byte[] indexBytes, MoviesCodec.Decoded movies) {
    }
}
