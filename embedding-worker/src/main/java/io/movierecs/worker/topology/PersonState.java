package io.movierecs.worker.topology;

import java.util.Arrays;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the person processor keeps its state in string stores, with source versions so that older changes are
 * ignored. The previous formats (a bare name; credits as {@code movieId/role,...}) still load, without versions
 * (the oldest).
 */
final class PersonState {

    private PersonState() {
    }

    /**
     * A person's name, or the delete of the person.
     *
     * @param name the name, null after a delete
     * @param version the version of the {@code people} row or its delete; null when unknown
     */
    record Name(String name, String version) {

        /** Stored as {@code {"name":..,"version":..}} or {@code {"deleted":true,"version":..}}. */
        static Name of(String stored) {
            if (stored == null) {
                return null;
            }
            if (stored.startsWith("{")) {
                JsonNode node = MovieState.JSON.readTree(stored);
                if (node.path("version").isString()) {
                    return new Name(node.path("deleted").asBoolean(false) ? null : node.path("name").asString(null),
                            node.path("version").asString());
                }
            }
            return new Name(stored, null);
        }

        String toJson() {
            ObjectNode node = MovieState.JSON.createObjectNode();
            if (name == null) {
                node.put("deleted", true);
            } else {
                node.put("name", name);
            }
            return node.put("version", version).toString();
        }
    }

    /**
     * A person's credits ({@code movieId/role}) with the version of each, and the credits deleted (kept with the
     * delete's version). Stored as {@code {"credits":{"10/CAST":"v"},"deleted":{"11/CAST":"v"}}}.
     */
    record Credits(TreeMap<String, String> live, TreeMap<String, String> deleted) {

        static Credits of(String stored) {
            Credits credits = new Credits(new TreeMap<>(), new TreeMap<>());
            if (stored == null || stored.isEmpty()) {
                return credits;
            }
            if (!stored.startsWith("{")) {
                Arrays.stream(stored.split(",")).forEach(credit -> credits.live().put(credit, ""));
                return credits;
            }
            JsonNode node = MovieState.JSON.readTree(stored);
            node.path("credits").properties().forEach(e -> credits.live().put(e.getKey(), e.getValue().asString()));
            node.path("deleted").properties().forEach(e -> credits.deleted().put(e.getKey(), e.getValue().asString()));
            return credits;
        }

        /** The version held for a credit (live or deleted), or null. Legacy entries hold "" (older than any). */
        String version(String credit) {
            String version = live.get(credit);
            return version != null ? version : deleted.get(credit);
        }

        void put(String credit, String version, boolean delete) {
            live.remove(credit);
            deleted.remove(credit);
            (delete ? deleted : live).put(credit, version);
        }

        String toJson() {
            ObjectNode node = MovieState.JSON.createObjectNode();
            ObjectNode liveNode = node.putObject("credits");
            live.forEach(liveNode::put);
            ObjectNode deletedNode = node.putObject("deleted");
            deleted.forEach(deletedNode::put);
            return node.toString();
        }
    }
}
