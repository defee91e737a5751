package io.movierecs.worker.topology;

import io.movierecs.events.SourceVersion;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.change.Op;
import java.util.Base64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the movie processor keeps its state in string stores: credits, pending triggers, the last emission. */
final class MovieState {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A movie waiting to be (re)embedded: the newest change that touched it, whether every change so far was a
     * snapshot read (a backfill, whose credits and names are still arriving), when it last changed, and after a
     * failed embedding: how many attempts failed, when the next is due, and how often its text failed alone
     * while the model embedded other texts (a text the model rejects). Entries of the previous format (no
     * attempts) load with none.
     */
    record Pending(String version, long tsMs, boolean snapshot, long changedAtMs, int attempts, long retryAtMs,
            int rejections) {
        static Pending first(CatalogChange change, long now) {
            return new Pending(change.version(), change.tsMs(), change.op() == Op.READ, now, 0, 0, 0);
        }

        static Pending of(String json) {
            JsonNode node = JSON.readTree(json);
            return new Pending(node.path("version").asString(), node.path("tsMs").asLong(),
                    node.path("snapshot").asBoolean(false), node.path("changedAtMs").asLong(0),
                    node.path("attempts").asInt(0), node.path("retryAtMs").asLong(0), node.path("rejections").asInt(0));
        }

        /** This entry after another change: a retry stays due when it was (the text may have been fixed). */
        Pending newest(CatalogChange change, long now) {
            boolean newer = SourceVersion.compare(change.version(), version) >= 0;
            return new Pending(newer ? change.version() : version, newer ? change.tsMs() : tsMs,
                    snapshot && change.op() == Op.READ, now, attempts, retryAtMs, 0);
        }

        /** This entry after a failed attempt, due again at {@code retryAt}. */
        Pending failed(long retryAt, boolean rejected) {
            return new Pending(version, tsMs, snapshot, changedAtMs, attempts + 1, retryAt,
                    rejections + (rejected ? 1 : 0));
        }

        boolean retrying() {
            return attempts > 0;
        }

        String toJson() {
            return JSON.createObjectNode().put("version", version).put("tsMs", tsMs).put("snapshot", snapshot)
                    .put("changedAtMs", changedAtMs).put("attempts", attempts).put("retryAtMs", retryAtMs)
                    .put("rejections", rejections).toString();
        }
    }

    /** What was last emitted for a movie. */
    record Last(String textHash, String display, float[] vector, String version) {
        static Last of(String json) {
            if (json == null) {
                return null;
            }
            JsonNode node = JSON.readTree(json);
            return new Last(node.path("textHash").asString(), node.path("display").asString(),
                    decode(node.path("vector").asString()), node.path("version").asString());
        }

        String toJson() {
            return JSON.createObjectNode().put("textHash", textHash).put("display", display)
                    .put("vector", encode(vector)).put("version", version).toString();
        }
    }

    private MovieState() {
    }

    static String encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    static float[] decode(String base64) {
        ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[buffer.remaining() / Float.BYTES];
        buffer.asFloatBuffer().get(vector);
        return vector;
    }
}
