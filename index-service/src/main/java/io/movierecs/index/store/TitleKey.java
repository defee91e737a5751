package io.movierecs.index.store;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Search keys of a title for prefix look-ups: lower case without accents, the year in parentheses dropped,
 * and a leading article ("The", "A", "An"), or MovieLens's trailing one ("Matrix, The"), moved out of the way.
 * A title has up to two keys, with and without its article, so "the mat" and "mat" both find "The Matrix".
 */
public final class TitleKey {

    private static final Pattern YEAR = Pattern.compile("\\s*\\(\\d{4}\\)\\s*$");
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*), (the|a|an)$");
    private static final Pattern LEADING_ARTICLE = Pattern.compile("^(the|a|an) (.+)$");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TitleKey() {
    }

    /** The keys a title is indexed under. */
    public static Set<String> keysOf(String title) {
        String text = YEAR.matcher(normalize(title)).replaceFirst("");
        Set<String> keys = new LinkedHashSet<>();
        var trailing = TRAILING_ARTICLE.matcher(text);
        if (trailing.matches()) {
            keys.add(trailing.group(1));
            keys.add(trailing.group(2) + " " + trailing.group(1));
            return keys;
        }
        var leading = LEADING_ARTICLE.matcher(text);
        if (leading.matches()) {
            keys.add(leading.group(2));
        }
        keys.add(text);
        return keys;
    }

    /** A typed prefix as a key prefix: normalised the same way, the article kept (both forms are indexed). */
    public static String prefixOf(String prefix) {
        return normalize(prefix);
    }

    static String normalize(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return plain.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
