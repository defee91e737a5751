package io.movierecs.worker.change;

import java.util.HexFormat;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link CatalogChange} written back as a Debezium JSON envelope (schemas disabled) and its row's key, as the
 * connector would have written them: what the worker's own dead letters carry, so that re-producing one to its
 * source topic ({@code ./movie-recs dlq replay}) feeds the same change in again. {@link ChangeParser} reads the
 * envelope back to an equal change (same op, row, commit time and source version).
 */
public final class ChangeEnvelope {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int POSTGRES_VERSION_LENGTH = 16;

    private ChangeEnvelope() {
    }

    /** The envelope: {@code before}/{@code after}, {@code op}, {@code ts_ms} and {@code source.lsn}. */
    public static String value(CatalogChange change) {
        ObjectNode envelope = JSON.createObjectNode();
        if (change.op().isDelete()) {
            envelope.set("before", change.row());
            envelope.putNull("after");
        } else {
            envelope.putNull("before");
            envelope.set("after", change.row());
        }
        envelope.put("op", change.op().code());
        envelope.put("ts_ms", change.tsMs());
        ObjectNode source = envelope.putObject("source").put("ts_ms", change.tsMs());
        if (isPostgres(change.version())) {
            source.put("lsn", HexFormat.fromHexDigitsToLong(change.version()));
        } else {
            source.put("change_lsn", change.version());
        }
        return envelope.toString();
    }

    /** The row's key as Debezium's JSON converter writes it with schemas disabled, columns in key order. */
    public static String key(CatalogChange change) {
        ObjectNode key = JSON.createObjectNode();
        for (String column : change.table().keyColumns()) {
            key.set(column, change.row().path(column));
        }
        return key.toString();
    }

    private static boolean isPostgres(String version) {
        return version.length() == POSTGRES_VERSION_LENGTH && version.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
