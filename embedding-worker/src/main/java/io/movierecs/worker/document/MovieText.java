package io.movierecs.worker.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The one text template embedded for a movie. Parts without data are left out:
 *
 * <pre>
 * {title} ({year}). Genres: {genres, comma-separated}. Directed by {directors}. Starring {cast}.
 * Keywords: {keywords}. {overview}
 * </pre>
 *
 * e.g. {@code Godfather, The (1972). Genres: Crime, Drama. Directed by Francis Ford Coppola. Starring Marlon
 * Brando, Al Pacino. Keywords: mafia, family. The aging patriarch of ...}. The poster address and
 * {@code updated_at} are not part of it, so changing them re-embeds nothing.
 */
public final class MovieText {

    private MovieText() {
    }

    public static String render(MovieDocument doc) {
        StringBuilder text = new StringBuilder(doc.title());
        if (doc.year() != null) {
            text.append(" (").append(doc.year()).append(')');
        }
        text.append('.');
        part(text, "Genres: ", doc.genres());
        part(text, "Directed by ", doc.directors());
        part(text, "Starring ", doc.cast());
        part(text, "Keywords: ", doc.keywords());
        if (doc.overview() != null) {
            text.append(' ').append(doc.overview());
        }
        return text.toString();
    }

    private static void part(StringBuilder text, String label, List<String> values) {
        if (!values.isEmpty()) {
            text.append(' ').append(label).append(String.join(", ", values)).append('.');
        }
    }

    /** SHA-256 of the text's UTF-8 bytes, in lower-case hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
