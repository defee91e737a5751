package io.movierecs.embedding;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The sentence-transformers reference vectors written by {@code src/test/python/make_parity_fixture.py}.
 * Public for the benchmark, which embeds the same texts.
 */
public final class ParityFixture {

    /** Classpath location of the fixture. */
    public static final String RESOURCE = "parity/minilm-reference.jsonl";

    /**
     * One fixture line.
     *
     * @param text the embedded text
     * @param tokens word pieces with [CLS] and [SEP], before truncation
     * @param vector sentence-transformers' normalised embedding
     */
    public record Reference(String text, int tokens, float[] vector) {}

    private static List<Reference> cached;

    private ParityFixture() {}

    /**
     * Returns every fixture line, in file order; read once.
     *
     * @return the references
     */
    public static synchronized List<Reference> references() {
        if (cached == null) {
            cached = read();
        }
        return cached;
    }

    /**
     * Returns the fixture texts, in file order.
     *
     * @return the texts
     */
    public static List<String> texts() {
        return references().stream().map(Reference::text).toList();
    }

    private static List<Reference> read() {
        InputStream in = ParityFixture.class.getClassLoader().getResourceAsStream(RESOURCE);
        Objects.requireNonNull(in, RESOURCE + " missing from the test classpath");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> !line.isBlank()).map(ParityFixture::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reference parse(String line) {
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        JsonArray values = json.getAsJsonArray("vector");
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i).getAsFloat();
        }
        return new Reference(json.get("text").getAsString(), json.get("tokens").getAsInt(), vector);
    }
}
