package io.movierecs.index.snapshot;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json}: what a snapshot holds and covers. Written last; its checksums guard the other files.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param id folder name: zero-padded creation time and generation, so names sort by age
 * @param createdAtMs when it was captured
 * @param generation index generation captured
 * @param topic the topic the offsets refer to
 * @param offsets per partition, the next offset to read (everything before it is in the snapshot)
 * @param dimension vector length
 * @param factory Faiss factory string of the index
 * @param nlist inverted lists (0: exact)
 * @param nprobe default lists visited
 * @param ntotal vectors in the index
 * @param modelId model of the vectors (of the first movie; all share it in practice)
 * @param trainedAtMs when the index was trained (0: never)
 * @param trainedOn vectors it was trained on
 * @param recallAt10 recall@10 against exact at nprobe, measured on a sample
 * @param buildSeconds time to train, fill and tune it
 * @param files per file name, its size and CRC32C
 */
public record SnapshotManifest(int formatVersion, String id, long createdAtMs, long generation, String topic,
        Map<Integer, Long> offsets, int dimension, String factory, int nlist, int nprobe, long ntotal,
        String modelId, long trainedAtMs, long trainedOn, double recallAt10, double buildSeconds,
        Map<String, FileEntry> files) {

    public static final int FORMAT_VERSION = 1;
    public static final String INDEX_FILE = "index.faiss";
    public static final String MOVIES_FILE = "movies.bin";
    public static final String MANIFEST_FILE = "manifest.json";

    public SnapshotManifest {
        offsets = new TreeMap<>(offsets);
        files = new TreeMap<>(files);
    }

    public static String idOf(long createdAtMs, long generation) {
        return String.format("%015d-%012d", createdAtMs, generation);
    }

    /**
     * @param bytes file size
     * @param crc32c CRC32C of the content, 8 hex digits
     */
    public record FileEntry(long bytes, String crc32c) {
    }
}
