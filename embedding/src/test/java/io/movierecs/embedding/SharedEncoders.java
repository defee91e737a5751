package io.movierecs.embedding;

/**
 * One fp32 and one int8 encoder for the whole test JVM: loading is the slow part, and sharing an
 * encoder between test classes is exactly the use it is built for. Tests that close an encoder
 * load their own.
 */
final class SharedEncoders {

    private static MiniLmEncoder fp32;
    private static MiniLmEncoder int8;

    private SharedEncoders() {}

    static synchronized MiniLmEncoder fp32() {
        if (fp32 == null) {
            fp32 = closeOnExit(MiniLmEncoder.load());
        }
        return fp32;
    }

    static synchronized MiniLmEncoder int8() {
        if (int8 == null) {
            int8 = closeOnExit(MiniLmEncoder.load(ModelVariant.INT8));
        }
        return int8;
    }

    private static MiniLmEncoder closeOnExit(MiniLmEncoder encoder) {
        Runtime.getRuntime().addShutdownHook(new Thread(encoder::close, "close-" + encoder.modelId()));
        return encoder;
    }
}
