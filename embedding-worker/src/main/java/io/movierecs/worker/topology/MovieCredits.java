package io.movierecs.worker.topology;

import io.movierecs.events.SourceVersion;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.document.Credit;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A movie's credits with their source versions, as kept in the movie processor's credits store: a JSON array of
 * {@code {"person_id","role","billing_order","name","version","name_version"}}; a deleted credit stays as
 * {@code {"person_id","role","version","deleted":true}} so that an older upsert replayed later is ignored. The
 * previous format (no versions, no deleted entries) still loads: a missing version is the oldest.
 */
final class MovieCredits {

    /**
     * One credit of the movie.
     *
     * @param credit the person, role, billing order and name (name null while unknown)
     * @param version source version of the {@code movie_people} row or of its delete
     * @param nameVersion source version of the person's name (their {@code people} row)
     * @param deleted whether the credit was deleted
     */
    record Entry(Credit credit, String version, String nameVersion, boolean deleted) {
        boolean sameCredit(long personId, String role) {
            return credit.personId() == personId && credit.role().equals(role);
        }
    }

    private MovieCredits() {
    }

    static List<Entry> parse(String json) {
        List<Entry> entries = new ArrayList<>();
        if (json != null) {
            for (JsonNode node : MovieState.JSON.readTree(json)) {
                entries.add(new Entry(new Credit(node.path("person_id").asLong(), node.path("role").asString(),
                        node.path("billing_order").asInt(), node.path("name").asString(null)),
                        node.path("version").asString(null), node.path("name_version").asString(null),
                        node.path("deleted").asBoolean(false)));
            }
        }
        return entries;
    }

    /** The credits that are not deleted, for the movie's document. */
    static List<Credit> live(List<Entry> entries) {
        return entries.stream().filter(entry -> !entry.deleted()).map(Entry::credit).toList();
    }

    static String json(List<Entry> entries) {
        ArrayNode array = MovieState.JSON.createArrayNode();
        for (Entry entry : entries) {
            Credit credit = entry.credit();
            ObjectNode node = array.addObject().put("person_id", credit.personId()).put("role", credit.role());
            if (!entry.deleted()) {
                node.put("billing_order", credit.billingOrder());
            }
            putIfPresent(node, "name", entry.deleted() ? null : credit.name());
            putIfPresent(node, "version", entry.version());
            putIfPresent(node, "name_version", entry.nameVersion());
            if (entry.deleted()) {
                node.put("deleted", true);
            }
        }
        return array.toString();
    }

    /**
     * Applies a credit change (a {@code movie_people} row, with the person's name and its version when known);
     * null when the change is older than the credit held (it is ignored).
     */
    static List<Entry> applyCredit(List<Entry> entries, CatalogChange change) {
        long personId = change.personId();
        String role = change.row().path("role").asString();
        Entry held = entries.stream().filter(entry -> entry.sameCredit(personId, role)).findFirst().orElse(null);
        if (held != null && SourceVersion.compare(change.version(), held.version()) < 0) {
            return null;
        }
        String name = change.row().path("name").asString(null);
        String nameVersion = change.row().path("name_version").asString(null);
        if (held != null && SourceVersion.compare(nameVersion, held.nameVersion()) < 0) {
            name = held.credit().name();
            nameVersion = held.nameVersion();
        }
        List<Entry> updated = new ArrayList<>(entries);
        updated.remove(held);
        updated.add(new Entry(new Credit(personId, role, change.row().path("billing_order").asInt(), name),
                change.version(), nameVersion, change.op().isDelete()));
        return updated;
    }

    /**
     * Applies a person's rename (or delete: the name is forgotten) to the movie's credits of that person; a
     * name older than the one held is ignored. Null when nothing changed.
     */
    static List<Entry> applyName(List<Entry> entries, CatalogChange change) {
        String name = change.op().isDelete() ? null : change.row().path("name").asString(null);
        boolean changed = false;
        List<Entry> updated = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            Credit credit = entry.credit();
            if (credit.personId() == change.personId()
                    && SourceVersion.compare(change.version(), entry.nameVersion()) >= 0) {
                updated.add(new Entry(new Credit(credit.personId(), credit.role(), credit.billingOrder(), name),
                        entry.version(), change.version(), entry.deleted()));
                changed = true;
            } else {
                updated.add(entry);
            }
        }
        return changed ? updated : null;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
