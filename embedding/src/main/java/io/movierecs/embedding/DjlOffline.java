package io.movierecs.embedding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes DJL work without a network: it must run before the first DJL call of the JVM.
 *
 * <p>DJL reads these switches at call time, each as an environment variable or a system property:
 * <ul>
 *   <li>{@value #OFFLINE_PROPERTY} (env {@code DJL_OFFLINE}): never download engines or models;</li>
 *   <li>{@value #TRACKING_KEY} (env or property): no telemetry call from {@code Ec2Utils.callHome};</li>
 *   <li>{@value #CACHE_KEY} (env or property): where DJL extracts native libraries (the tokenizer's
 *       {@code libtokenizers.so}); it must be writable, and is otherwise {@code ~/.djl.ai};</li>
 *   <li>{@value #NO_ALTERNATIVE_PROPERTY}: ONNX Runtime must not borrow a second engine (the default
 *       engine here is the tokenizer jar's "Rust" engine) for operators it lacks; pooling is plain
 *       Java, so none is needed.</li>
 * </ul>
 * A value already set by the operator (env or {@code -D}) is left alone, except that an explicit
 * {@code DJL_OFFLINE=false} is reported as a warning.
 */
final class DjlOffline {

    static final String OFFLINE_PROPERTY = "ai.djl.offline";
    static final String TRACKING_KEY = "OPT_OUT_TRACKING";
    static final String CACHE_KEY = "ENGINE_CACHE_DIR";
    static final String NO_ALTERNATIVE_PROPERTY = "ai.djl.onnx.disable_alternative";

    private static final Logger log = LoggerFactory.getLogger(DjlOffline.class);

    private DjlOffline() {}

    /**
     * Sets DJL's offline switches unless already set; idempotent.
     *
     * @param engineCacheDir writable folder for DJL's native libraries, used when neither the
     *     {@code ENGINE_CACHE_DIR} environment variable nor the property is set
     */
    static synchronized void configure(Path engineCacheDir) {
        if ("false".equalsIgnoreCase(System.getenv("DJL_OFFLINE"))) {
            log.warn("DJL_OFFLINE=false in the environment overrides {}=true: DJL may try to download",
                    OFFLINE_PROPERTY);
        }
        setIfAbsent(OFFLINE_PROPERTY, "true");
        setIfAbsent(NO_ALTERNATIVE_PROPERTY, "true");
        if (System.getenv(TRACKING_KEY) == null) {
            setIfAbsent(TRACKING_KEY, "true");
        }
        if (isBlank(System.getenv(CACHE_KEY)) && isBlank(System.getProperty(CACHE_KEY))) {
            createDirectories(engineCacheDir);
            System.setProperty(CACHE_KEY, engineCacheDir.toAbsolutePath().toString());
        }
        log.debug("DJL offline={}, {}={}, {}={}", System.getProperty(OFFLINE_PROPERTY), TRACKING_KEY,
                effective(TRACKING_KEY), CACHE_KEY, effective(CACHE_KEY));
    }

    /**
     * Returns the folder DJL will extract native libraries to (env first, then property).
     *
     * @return the effective {@code ENGINE_CACHE_DIR}
     */
    static String engineCacheDir() {
        return effective(CACHE_KEY);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String effective(String key) {
        String env = System.getenv(key);
        return isBlank(env) ? System.getProperty(key) : env;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("DJL engine cache folder " + dir + " cannot be created: "
                    + "set ENGINE_CACHE_DIR to a writable folder", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
