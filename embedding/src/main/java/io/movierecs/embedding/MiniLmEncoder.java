package io.movierecs.embedding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 sentence encoder: text in, 384-dimensional unit vector out, matching
 * sentence-transformers. Safe to share between threads; close it once, when nothing embeds any more.
 *
 * <p>The model and tokenizer are loaded once, from the classpath, with DJL's ONNX Runtime engine and
 * no network ({@link DjlOffline}). A DJL {@link Predictor} is not thread-safe, so each call borrows
 * one from a pool and returns it afterwards: no predictor is ever used by two threads at once, there
 * are never more predictors than threads that embedded at the same time, and {@link #close()} frees
 * them all (a per-thread {@code ThreadLocal} could not, for threads it does not own).
 */
public final class MiniLmEncoder implements AutoCloseable {

    /** Width of every vector. */
    public static final int DIMENSION = 384;

    private static final Logger log = LoggerFactory.getLogger(MiniLmEncoder.class);
    private static final String ENGINE = "OnnxRuntime";

    private final EncoderOptions options;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final TextEmbeddingTranslator translator;
    private final ConcurrentLinkedDeque<Predictor<String, float[]>> idle = new ConcurrentLinkedDeque<>();
    private final List<Predictor<String, float[]>> created = new ArrayList<>();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private MiniLmEncoder(EncoderOptions options, Model model, HuggingFaceTokenizer tokenizer) {
        this.options = options;
        this.model = model;
        this.tokenizer = tokenizer;
        List<String> inputs = Arrays.asList(model.describeInput().keyArray(new String[0]));
        this.translator = new TextEmbeddingTranslator(tokenizer, options.pooling(), inputs);
    }

    /**
     * Loads the fp32 model with default options.
     *
     * @return a ready encoder
     */
    public static MiniLmEncoder load() {
        return load(EncoderOptions.defaults());
    }

    /**
     * Loads the given variant with otherwise default options.
     *
     * @param variant fp32 or int8
     * @return a ready encoder
     */
    public static MiniLmEncoder load(ModelVariant variant) {
        return load(EncoderOptions.defaults().withVariant(variant));
    }

    /**
     * Loads the model and tokenizer named by the options (about a second for fp32).
     *
     * @param options encoder settings
     * @return a ready encoder
     * @throws EmbeddingException if a resource is missing or ONNX Runtime rejects the model
     */
    public static MiniLmEncoder load(EncoderOptions options) {
        Objects.requireNonNull(options, "options");
        DjlOffline.configure(options.engineCacheDir());
        long start = System.nanoTime();
        ModelVariant variant = options.variant();
        HuggingFaceTokenizer tokenizer = loadTokenizer(variant, options.maxTokens());
        Model model = null;
        try {
            model = Model.newInstance(variant.modelId(), Device.cpu(), ENGINE);
            // ONNX Runtime copies the session options into the session: they can go once it exists
            try (InputStream in = resource(variant.modelResource());
                    OrtSession.SessionOptions session = sessionOptions(options)) {
                model.load(in, Map.of("sessionOptions", session));
            }
            MiniLmEncoder encoder = new MiniLmEncoder(options, model, tokenizer);
            encoder.checkDimension();
            log.info("Loaded {} in {} ms (engine {}, max {} tokens, {} pooling, intra-op threads {}, "
                    + "spinning {}, DJL cache {})", variant.modelId(), (System.nanoTime() - start) / 1_000_000,
                    ENGINE, options.maxTokens(), options.pooling(),
                    options.intraOpThreads() == 0 ? "default" : options.intraOpThreads(), options.spinning(),
                    DjlOffline.engineCacheDir());
            return encoder;
        } catch (IOException | MalformedModelException | OrtException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw new EmbeddingException("cannot load " + variant.modelId() + " from classpath resource "
                    + variant.modelResource(), e);
        }
    }

    /**
     * Embeds one text.
     *
     * @param text non-blank text; tokens past {@link EncoderOptions#maxTokens()} are ignored
     * @return a unit vector of {@link #dim()} floats
     * @throws IllegalArgumentException if the text is null or blank
     */
    public float[] embed(String text) {
        requireText(text, -1);
        return embedChunk(List.of(text)).get(0);
    }

    /**
     * Embeds many texts, in model calls of at most {@link EncoderOptions#maxBatchSize()} texts of
     * similar length (sorted by length, as sentence-transformers does, so little padding is computed).
     *
     * @param texts non-blank texts
     * @return one unit vector per text, in the order of {@code texts}
     * @throws IllegalArgumentException if any text is null or blank
     */
    public List<float[]> embedBatch(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        for (int i = 0; i < texts.size(); i++) {
            requireText(texts.get(i), i);
        }
        Integer[] order = new Integer[texts.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> -texts.get(i).length()));

        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < order.length; from += options.maxBatchSize()) {
            int to = Math.min(order.length, from + options.maxBatchSize());
            List<String> chunk = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                chunk.add(texts.get(order[k]));
            }
            List<float[]> embedded = embedChunk(chunk);
            for (int k = from; k < to; k++) {
                vectors[order[k]] = embedded.get(k - from);
            }
        }
        return List.of(vectors);
    }

    /**
     * Returns the id of the model, e.g. {@code all-MiniLM-L6-v2/onnx-fp32}.
     *
     * @return model id, stored next to every vector
     */
    public String modelId() {
        return options.variant().modelId();
    }

    /**
     * Returns the vector width.
     *
     * @return {@value #DIMENSION}
     */
    public int dim() {
        return DIMENSION;
    }

    /**
     * Returns the options this encoder was loaded with.
     *
     * @return options
     */
    public EncoderOptions options() {
        return options;
    }

    /** Frees every predictor, the model and the tokenizer; waits for calls in flight. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            created.forEach(Predictor::close);
            created.clear();
            idle.clear();
            model.close();
            tokenizer.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Runs one text through the model at load time: checks the width and warms ONNX Runtime up. */
    private void checkDimension() {
        int width = embed("warm-up").length;
        if (width != DIMENSION) {
            throw new IllegalStateException("model gives " + width + " dimensions, expected " + DIMENSION);
        }
    }

    private List<float[]> embedChunk(List<String> chunk) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("encoder " + modelId() + " is closed");
            }
            Predictor<String, float[]> predictor = borrow();
            try {
                return predictor.batchPredict(chunk);
            } catch (TranslateException e) {
                throw new EmbeddingException("cannot embed " + chunk.size() + " text(s)", e);
            } finally {
                idle.push(predictor);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private Predictor<String, float[]> borrow() {
        Predictor<String, float[]> predictor = idle.poll();
        if (predictor != null) {
            return predictor;
        }
        predictor = model.newPredictor(translator);
        int count;
        synchronized (created) {
            created.add(predictor);
            count = created.size();
        }
        log.debug("Predictor {} created for {}", count, modelId());
        return predictor;
    }

    /** Thread count and spinning; everything else is ONNX Runtime's default (all graph optimisations). */
    private static OrtSession.SessionOptions sessionOptions(EncoderOptions options) throws OrtException {
        OrtSession.SessionOptions session = new OrtSession.SessionOptions();
        try {
            if (options.intraOpThreads() > 0) {
                session.setIntraOpNumThreads(options.intraOpThreads());
            }
            String spinning = options.spinning() ? "1" : "0";
            session.addConfigEntry("session.intra_op.allow_spinning", spinning);
            session.addConfigEntry("session.inter_op.allow_spinning", spinning);
            return session;
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static HuggingFaceTokenizer loadTokenizer(ModelVariant variant, int maxTokens) {
        Map<String, String> settings = Map.of(
                "maxLength", Integer.toString(maxTokens),
                "truncation", "true",
                "padding", "longest",
                "modelMaxLength", Integer.toString(EncoderOptions.MODEL_MAX_TOKENS));
        try (InputStream in = resource(variant.tokenizerResource())) {
            return HuggingFaceTokenizer.newInstance(in, settings);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddingException("cannot load " + variant.tokenizerResource(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = MiniLmEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("classpath resource '" + name + "' not found: add the langchain4j "
                    + "all-minilm-l6-v2 model jar (see embedding/README.md)");
        }
        return in;
    }

    private static void requireText(String text, int index) {
        String what = index < 0 ? "text" : "text at index " + index;
        if (text == null) {
            throw new IllegalArgumentException(what + " is null: the encoder needs non-blank text");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " is blank: the encoder needs non-blank text");
        }
    }
}
