package io.movierecs.embedding.bench;

import io.movierecs.embedding.EncoderOptions;
import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.embedding.ModelVariant;
import io.movierecs.embedding.ParityFixture;
import io.movierecs.embedding.ParityFixture.Reference;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Single-threaded encoder throughput: texts per second at batch 1, 16 and 64, fp32 and int8,
 * median over several rounds. Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -f embedding/pom.xml test-compile exec:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.movierecs.embedding.bench.EncoderBenchmark
 * </pre>
 *
 * <p>Arguments (all optional): {@code rounds=5 batches=1,16,64 variants=FP32,INT8 threads=0}
 * ({@code threads}: ONNX Runtime intra-op threads, 0 = its default). Texts are the
 * fixture's MovieLens movie strings ("Title: ... Year: ... Genres: ...", 64 tokens at most, about 18
 * on average), sorted by length before they are cut into batches, so a batch pads little. One
 * calling thread; ONNX Runtime's own intra-op threads use the cores as it sees fit.
 */
public final class EncoderBenchmark {

    private static final int MAX_MOVIE_TOKENS = 64;

    private EncoderBenchmark() {}

    /**
     * Runs the benchmark and prints one line per variant and batch size.
     *
     * @param args {@code key=value} overrides, see the class comment
     */
    public static void main(String[] args) {
        int rounds = Integer.parseInt(arg(args, "rounds", "5"));
        int[] batches = Arrays.stream(arg(args, "batches", "1,16,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<ModelVariant> variants = Arrays.stream(arg(args, "variants", "FP32,INT8").split(","))
                .map(name -> ModelVariant.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
        int threads = Integer.parseInt(arg(args, "threads", "0"));

        List<Reference> movies = ParityFixture.references().stream()
                .filter(r -> r.text().startsWith("Title: ") && r.tokens() <= MAX_MOVIE_TOKENS)
                .sorted(Comparator.comparingInt(r -> r.text().length()))
                .toList();
        List<String> texts = movies.stream().map(Reference::text).toList();
        double meanTokens = movies.stream().mapToInt(Reference::tokens).average().orElse(0);
        System.out.printf(Locale.ROOT,
                "%d movie texts, %.1f tokens on average, %d rounds, %d cores, intra-op threads %s, "
                        + "load average %.2f%n",
                texts.size(), meanTokens, rounds, Runtime.getRuntime().availableProcessors(),
                threads == 0 ? "default" : threads, loadAverage());
        System.out.printf(Locale.ROOT, "%-28s %6s %12s %12s %12s%n",
                "model", "batch", "median/s", "min/s", "max/s");

        int largest = Arrays.stream(batches).max().orElse(1);
        for (ModelVariant variant : variants) {
            EncoderOptions options = EncoderOptions.defaults().withVariant(variant)
                    .withMaxBatchSize(largest).withIntraOpThreads(threads);
            try (MiniLmEncoder encoder = MiniLmEncoder.load(options)) {
                runPass(encoder, texts, largest); // warm-up: first calls allocate and tune kernels
                for (int batch : batches) {
                    double[] rates = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        rates[r] = texts.size() / runPass(encoder, texts, batch);
                    }
                    Arrays.sort(rates);
                    System.out.printf(Locale.ROOT, "%-28s %6d %12.1f %12.1f %12.1f%n", encoder.modelId(),
                            batch, rates[rounds / 2], rates[0], rates[rounds - 1]);
                }
            }
        }
        // other processes on the machine skew every figure: a load near 0 before the run matters
        System.out.printf(Locale.ROOT, "load average after the run %.2f%n", loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Embeds every text once in consecutive batches; returns the seconds it took. */
    private static double runPass(MiniLmEncoder encoder, List<String> texts, int batch) {
        long start = System.nanoTime();
        long checksum = 0;
        for (int from = 0; from < texts.size(); from += batch) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + batch));
            List<float[]> vectors = batch == 1 ? List.of(encoder.embed(chunk.get(0))) : encoder.embedBatch(chunk);
            checksum += vectors.size();
        }
        if (checksum != texts.size()) {
            throw new IllegalStateException("embedded " + checksum + " of " + texts.size());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String arg(String[] args, String key, String fallback) {
        List<String> values = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(key + "=")) {
                values.add(arg.substring(key.length() + 1));
            }
        }
        return values.isEmpty() ? fallback : values.get(values.size() - 1);
    }
}
