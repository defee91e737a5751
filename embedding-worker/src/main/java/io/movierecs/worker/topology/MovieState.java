package io.movierecs.worker.topology;

import io.movierecs.events.SourceVersion;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.change.Op;
import io.movierecs.worker.document.Credit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How the movie processor keeps its state in string stores: credits, pending triggers, the last emission. */
final class MovieState {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A movie waiting to be (re)embedded: the newest change that touched it, whether every change so far was a
     * snapshot read (a backfill, whose credits and names are still arriving), and when it last changed.
     */
    record Pending(String version, long tsMs, boolean snapshot, long changedAtMs) {
        static Pending first(CatalogChange change, long now) {
            return new Pending(change.version(), change.tsMs(), change.op() == Op.READ, now);
        }

        static Pending of(String json) {
            JsonNode node = JSON.readTree(json);
            return new Pending(node.path("version").asString(), node.path("tsMs").asLong(),
                    node.path("snapshot").asBoolean(false), node.path("changedAtMs").asLong(0));
        }

        Pending newest(CatalogChange change, long now) {
            boolean newer = SourceVersion.compare(change.version(), version) >= 0;
            return new Pending(newer ? change.version() : version, newer ? change.tsMs() : tsMs,
                    snapshot && change.op() == Op.READ, now);
        }

        String toJson() {
            return JSON.createObjectNode().put("version", version).put("tsMs", tsMs).put("snapshot", snapshot)
                    .put("changedAtMs", changedAtMs).toString();
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

    static List<Credit> credits(String json) {
        List<Credit> credits = new ArrayList<>();
        if (json != null) {
            for (JsonNode node : JSON.readTree(json)) {
                credits.add(new Credit(node.path("person_id").asLong(), node.path("role").asString(),
                        node.path("billing_order").asInt(), node.path("name").asString(null)));
            }
        }
        return credits;
    }

    static String creditsJson(List<Credit> credits) {
        ArrayNode array = JSON.createArrayNode();
        for (Credit credit : credits) {
            ObjectNode node = array.addObject().put("person_id", credit.personId()).put("role", credit.role())
                    .put("billing_order", credit.billingOrder());
            if (credit.name() != null) {
                node.put("name", credit.name());
            }
        }
        return array.toString();
    }

    /** Applies a credit change (a {@code movie_people} row, with the person's name when known). */
    static List<Credit> applyCredit(List<Credit> credits, CatalogChange change) {
        long personId = change.personId();
        String role = change.row().path("role").asString();
        List<Credit> updated = new ArrayList<>(credits.stream()
                .filter(c -> !(c.personId() == personId && c.role().equals(role))).toList());
        if (!change.op().isDelete()) {
            updated.add(new Credit(personId, role, change.row().path("billing_order").asInt(),
                    change.row().path("name").asString(null)));
        }
        return updated;
    }

    /** Applies a person's rename (or delete: the name is forgotten) to a movie's credits. */
    static List<Credit> applyName(List<Credit> credits, CatalogChange change) {
        String name = change.op().isDelete() ? null : change.row().path("name").asString(null);
        return credits.stream().map(c -> c.personId() == change.personId()
                ? new Credit(c.personId(), c.role(), c.billingOrder(), name) : c).toList();
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
