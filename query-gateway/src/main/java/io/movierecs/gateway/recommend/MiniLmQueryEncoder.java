package io.movierecs.gateway.recommend;

import io.movierecs.embedding.EncoderOptions;
import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.embedding.ModelVariant;
import io.movierecs.gateway.config.GatewayProperties;

/**
 * The MiniLM encoder, loaded once at start-up; thread-safe (it pools a predictor per concurrent caller). Each
 * model call uses one ONNX Runtime thread: requests run in parallel, and on two cores that beats two threads
 * fighting over one query.
 */
public class MiniLmQueryEncoder implements QueryEncoder, AutoCloseable {

    private final MiniLmEncoder encoder;

    public MiniLmQueryEncoder(GatewayProperties.Model model) {
        ModelVariant variant = model == GatewayProperties.Model.INT8 ? ModelVariant.INT8 : ModelVariant.FP32;
        this.encoder = MiniLmEncoder.load(EncoderOptions.defaults().withVariant(variant).withIntraOpThreads(1));
    }

    @Override
    public float[] embed(String text) {
        return encoder.embed(text);
    }

    public String modelId() {
        return encoder.modelId();
    }

    @Override
    public void close() {
        encoder.close();
    }
}
