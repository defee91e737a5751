package io.movierecs.catalog.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's part in a movie, by name.
 *
 * @param personName the person's name
 * @param role {@code DIRECTOR} or {@code CAST}
 * @param billingOrder 1 for the first-billed
 */
record Credit(String personName, String role, int billingOrder) {

    static final String DIRECTOR = "DIRECTOR";
    static final String CAST = "CAST";

    /** Directors then cast, each numbered in the order given; a name repeated in one role counts once. */
    static List<Credit> of(List<String> directors, List<String> cast) {
        Map<String, Credit> credits = new LinkedHashMap<>();
        add(credits, directors, DIRECTOR);
        add(credits, cast, CAST);
        return new ArrayList<>(credits.values());
    }

    private static void add(Map<String, Credit> credits, List<String> names, String role) {
        int order = 1;
        for (String name : names) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty() && credits.putIfAbsent(role + "\u0000" + trimmed,
                    new Credit(trimmed, role, order)) == null) {
                order++;
            }
        }
    }
}
