package io.movierecs.gateway.recommend;

import io.movierecs.gateway.index.IndexClient;
import io.movierecs.gateway.index.IndexMovie;
import io.movierecs.gateway.index.MovieNotFoundException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A title typed by a person to one movie: an exact match (ignoring case, accents, punctuation and the
 * MovieLens "Matrix, The" form) wins, else the most similar title (character-bigram Dice coefficient) among
 * the candidates index-service finds by prefix, shortening the prefix word by word until some are found. A
 * trailing "(1999)" picks that year's film. Nothing similar enough is a 404.
 */
final class TitleResolver {

    static final double MIN_SIMILARITY = 0.5;
    private static final int CANDIDATES = 50;
    private static final Pattern YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})\\)\\s*$");
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*),\\s*(the|a|an|les|la|le|el|il|der|die|das)$");

    /** A parsed title query: the title and the year in parentheses, if any. */
    record TitleQuery(String title, Integer year) {
    }

    private final IndexClient index;

    TitleResolver(IndexClient index) {
        this.index = index;
    }

    IndexMovie resolve(String text) {
        TitleQuery query = parse(text);
        String wanted = normalise(query.title());
        List<IndexMovie> candidates = candidates(wanted);
        IndexMovie best = null;
        double bestScore = 0;
        for (IndexMovie candidate : candidates) {
            double score = similarity(wanted, normalise(candidate.title()));
            if (query.year() != null) {
                score += query.year().equals(candidate.year()) ? 0.3 : -0.3;
            }
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        if (best == null || bestScore < MIN_SIMILARITY) {
            throw new MovieNotFoundException("no movie titled '" + text.strip() + "' in the index");
        }
        return best;
    }

    private List<IndexMovie> candidates(String wanted) {
        List<String> words = new ArrayList<>(Arrays.asList(wanted.split(" ")));
        while (!words.isEmpty()) {
            List<IndexMovie> found = index.titles(String.join(" ", words), CANDIDATES);
            if (!found.isEmpty()) {
                return found;
            }
            words.remove(words.size() - 1);
        }
        return List.of();
    }

    static TitleQuery parse(String text) {
        Matcher year = YEAR.matcher(text.strip());
        if (year.matches() && !year.group(1).isBlank()) {
            return new TitleQuery(year.group(1), Integer.parseInt(year.group(2)));
        }
        return new TitleQuery(text.strip(), null);
    }

    /** Lower case, no accents or punctuation, "Matrix, The" as "the matrix". */
    static String normalise(String title) {
        String plain = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT).strip();
        Matcher article = TRAILING_ARTICLE.matcher(plain);
        if (article.matches()) {
            plain = article.group(2) + " " + article.group(1);
        }
        return plain.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** Dice coefficient of the two texts' character bigrams: 1 for equal texts, 0 for nothing shared. */
    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        List<String> left = bigrams(a);
        List<String> right = bigrams(b);
        if (left.isEmpty() || right.isEmpty()) {
            return 0;
        }
        List<String> remaining = new ArrayList<>(right);
        int shared = 0;
        for (String bigram : left) {
            if (remaining.remove(bigram)) {
                shared++;
            }
        }
        return 0.999 * 2.0 * shared / (left.size() + right.size());
    }

    private static List<String> bigrams(String text) {
        List<String> bigrams = new ArrayList<>();
        for (int i = 0; i + 1 < text.length(); i++) {
            bigrams.add(text.substring(i, i + 2));
        }
        return bigrams;
    }
}
