package io.movierecs.worker.topology;

import io.movierecs.embedding.MiniLmEncoder;
import java.util.List;

/** The real encoder, recording the size of every embedding call (the micro-batches) in {@code batches}. */
record BatchRecordingEmbedder(MiniLmEncoder encoder, List<Integer> batches) implements Embedder {

    @Override
    public String modelId() {
        return encoder.modelId();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        batches.add(texts.size());
        return encoder.embedBatch(texts);
    }
}
