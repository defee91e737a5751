package io.movierecs.gateway.recommend;

import io.movierecs.gateway.index.IndexMovie;
import java.util.ArrayList;
import java.util.List;

/**
 * A short reason why a result relates to a movie the user chose: a shared director first, then a shared cast
 * member (in the result's billing order), then shared genres. None when nothing is shared.
 */
final class Reasons {

    private Reasons() {
    }

    /** Why {@code hit} relates to {@code anchor}, or null: "Also directed by X", "Also starring X", "Also Drama". */
    static String between(IndexMovie anchor, IndexMovie hit) {
        String credit = sharedCredit(anchor, hit);
        if (credit != null) {
            return "Also " + credit;
        }
        List<String> shared = sharedGenres(anchor, hit);
        return shared.isEmpty() ? null : "Also " + String.join(", ", shared);
    }

    /** Why {@code hit} relates to the liked movies ("Directed by X, like Heat"), credits before genres. */
    static String fromLiked(List<IndexMovie> liked, IndexMovie hit) {
        for (IndexMovie movie : liked) {
            String credit = sharedCredit(movie, hit);
            if (credit != null) {
                return Character.toUpperCase(credit.charAt(0)) + credit.substring(1) + ", like " + movie.title();
            }
        }
        for (IndexMovie movie : liked) {
            List<String> shared = sharedGenres(movie, hit);
            if (!shared.isEmpty()) {
                return String.join(", ", shared) + ", like " + movie.title();
            }
        }
        return null;
    }

    private static String sharedCredit(IndexMovie anchor, IndexMovie hit) {
        for (String director : hit.directors()) {
            if (anchor.directors().contains(director)) {
                return "directed by " + director;
            }
        }
        for (String actor : hit.cast()) {
            if (anchor.cast().contains(actor)) {
                return "starring " + actor;
            }
        }
        return null;
    }

    private static List<String> sharedGenres(IndexMovie anchor, IndexMovie hit) {
        List<String> shared = new ArrayList<>();
        for (String genre : hit.genres()) {
            if (anchor.genres().stream().anyMatch(genre::equalsIgnoreCase)) {
                shared.add(genre);
            }
        }
        return shared;
    }
}
