package io.movierecs.launcher.chaos;

import io.movierecs.launcher.JsonHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Checks the quiet pipeline against the catalog. Every catalog movie must be in the index with the text hash of
 * its current rows (else missing / stale); no id the catalog does not hold may be in the index or in any gateway
 * answer (movie, similar, search, titles: resurrected); no answer may hold an id twice and the index may hold no
 * movie twice (duplicates: its {@code ntotal} against the distinct movies it answers for).
 */
final class Checker {

    /** What the check found; every set must be empty. */
    record Findings(Set<Long> missing, Set<Long> stale, Set<Long> resurrected, List<String> duplicates) {
        boolean clean() {
            return missing.isEmpty() && stale.isEmpty() && resurrected.isEmpty() && duplicates.isEmpty();
        }
    }

    private static final int K = 20;

    private final JsonHttp index;
    private final JsonHttp gateway;
    private final Set<Long> missing = new TreeSet<>();
    private final Set<Long> stale = new TreeSet<>();
    private final Set<Long> resurrected = new TreeSet<>();
    private final List<String> duplicates = new ArrayList<>();

    Checker(String indexUrl, String gatewayUrl) {
        this.index = new JsonHttp(indexUrl);
        this.gateway = new JsonHttp(gatewayUrl);
    }

    Findings check(CatalogTruth truth, Map<Long, String> deleted) {
        long inIndex = 0;
        for (Map.Entry<Long, String> movie : truth.textHashes().entrySet()) {
            JsonHttp.Reply reply = index.get("/internal/v1/movies/" + movie.getKey());
            if (reply.status() == 200) {
                inIndex++;
                if (!movie.getValue().equals(reply.body().path("textHash").asString())) {
                    stale.add(movie.getKey());
                }
            } else {
                missing.add(movie.getKey());
            }
            if (gateway.get("/api/v1/movies/" + movie.getKey()).status() != 200) {
                missing.add(movie.getKey());
            }
            answer(truth, "similar to " + movie.getKey(), "/api/v1/movies/" + movie.getKey() + "/similar?k=" + K);
            answer(truth, "titles " + truth.titles().get(movie.getKey()), "/api/v1/titles?prefix="
                    + encode(truth.titles().get(movie.getKey())));
        }
        for (Map.Entry<Long, String> gone : deleted.entrySet()) {
            if (!truth.holds(gone.getKey())) {
                inIndex += checkGone(truth, gone.getKey(), gone.getValue());
            }
        }
        long ntotal = index.get("/internal/v1/index").body().path("ntotal").asLong();
        if (ntotal > inIndex) {
            duplicates.add("index holds " + ntotal + " vectors for " + inIndex + " distinct movies");
        }
        return new Findings(missing, stale, resurrected, duplicates);
    }

    /** Checks a deleted id everywhere; returns 1 when the index still holds it. */
    private int checkGone(CatalogTruth truth, long id, String title) {
        int inIndex = 0;
        if (index.get("/internal/v1/movies/" + id).status() != 404) {
            resurrected.add(id);
            inIndex = 1;
        }
        if (gateway.get("/api/v1/movies/" + id).status() != 404
                || gateway.get("/api/v1/movies/" + id + "/similar?k=" + K).status() != 404) {
            resurrected.add(id);
        }
        if (!title.isBlank()) {
            answer(truth, "search " + title, "/api/v1/search?k=" + K + "&q=" + encode(title));
            answer(truth, "titles " + title, "/api/v1/titles?prefix=" + encode(title));
        }
        return inIndex;
    }

    /** One gateway answer: ids the catalog does not hold are resurrected, an id twice is a duplicate. */
    private void answer(CatalogTruth truth, String what, String path) {
        JsonHttp.Reply reply = gateway.get(path);
        if (reply.status() != 200) {
            return;
        }
        Set<Long> seen = new HashSet<>();
        for (long id : ids(reply.body())) {
            if (!truth.holds(id)) {
                resurrected.add(id);
            }
            if (!seen.add(id)) {
                duplicates.add("movie " + id + " twice in " + what);
            }
        }
    }

    static List<Long> ids(JsonNode body) {
        JsonNode results = body.isArray() ? body : body.path("results");
        List<Long> ids = new ArrayList<>();
        results.forEach(result -> ids.add(result.path("id").asLong()));
        return ids;
    }

    private static String encode(String text) {
        String prefix = text.length() > 100 ? text.substring(0, 100) : text;
        return URLEncoder.encode(prefix, StandardCharsets.UTF_8);
    }
}
