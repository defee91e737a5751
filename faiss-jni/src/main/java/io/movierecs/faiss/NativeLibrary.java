package io.movierecs.faiss;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one class that loads native code. The jar carries, under {@code native/<os>-<arch>/}, the shim
 * {@code libmovierecs_faiss.so} (Faiss and OpenBLAS linked in), the runtime libraries it still needs that a
 * slim machine may lack (libgomp, libgfortran, libquadmath), and {@code libraries.txt} naming them in load
 * order. They are copied to a fresh temporary folder, loaded dependencies first, and deleted right after
 * loading (Linux keeps a loaded library mapped after its file is gone), so nothing is left behind.
 *
 * <p>On x86_64 the jar carries two builds of the shim, {@code libmovierecs_faiss.so} (Debian's SSE-only Faiss) and
 * {@code libmovierecs_faiss_avx2.so}; {@link NativeVariant} picks the one this CPU runs (only that one is copied
 * and loaded).
 *
 * <p>{@code -Dmovierecs.faiss.library=/path/libmovierecs_faiss.so} loads that file instead, e.g. a build
 * for another CPU; its dependencies then come from the system.
 *
 * <p>A failure is logged once with what to do about it and rethrown as {@link FaissException} on every use.
 */
final class NativeLibrary {

    static final String LIBRARY_FILE = "libmovierecs_faiss.so";
    static final String OVERRIDE_PROPERTY = "movierecs.faiss.library";
    static final String BUILD_HINT = "build faiss-jni on this platform: apt-get install -y libfaiss-dev "
            + "libopenblas-dev libgtest-dev g++ && ./mvnw -pl faiss-jni -am verify";

    private static final System.Logger LOG = System.getLogger(NativeLibrary.class.getName());
    private static final Object LOCK = new Object();
    private static volatile boolean loaded;
    private static FaissException failure; // guarded by LOCK
    private static volatile String variant;

    private NativeLibrary() {
    }

    /** Loads the library on first use; afterwards returns at once, or rethrows the first failure. */
    static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (LOCK) {
            if (loaded) {
                return;
            }
            if (failure == null) {
                try {
                    load();
                    loaded = true;
                    return;
                } catch (IOException | UncheckedIOException | LinkageError | FaissException e) {
                    failure = new FaissException(explain(e), e);
                    LOG.log(Level.ERROR, failure.getMessage(), e);
                }
            }
            throw new FaissException(failure.getMessage(), failure);
        }
    }

    /** {@code <os>-<arch>} as used for the folder inside the jar, e.g. {@code linux-x86_64}. */
    static String platform() {
        String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macos"
                : os.startsWith("windows") ? "windows" : os.replace(' ', '_');
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    private static void load() throws IOException {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            System.load(Path.of(override).toAbsolutePath().toString());
            variant = "override";
            LOG.log(Level.INFO, "Loaded Faiss JNI library {0} (from -D{1})", override, OVERRIDE_PROPERTY);
            return;
        }
        String folder = "/native/" + platform() + "/";
        List<String> listed = readManifest(folder);
        List<String> libraries = new ArrayList<>();
        Set<String> shims = new HashSet<>();
        for (String library : listed) {
            (library.startsWith(NativeVariant.FILE_PREFIX) ? shims : libraries).add(library);
        }
        NativeVariant chosen = NativeVariant.choose(shims, NativeVariant.cpuFlags(),
                System.getProperty(NativeVariant.PROPERTY));
        libraries.add(chosen.file());
        Path directory = Files.createTempDirectory("movierecs-faiss-");
        try {
            for (String library : libraries) {
                try (InputStream in = resource(folder + library)) {
                    Files.copy(in, directory.resolve(library), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (String library : libraries) {
                System.load(directory.resolve(library).toString());
            }
        } finally {
            deleteQuietly(directory, libraries);
        }
        variant = chosen.name().toLowerCase(Locale.ROOT);
        LOG.log(Level.DEBUG, "Loaded Faiss JNI library {0} for {1}", libraries, platform());
    }

    /** Which build was loaded: "avx2", "generic", or "override" (-D{@value #OVERRIDE_PROPERTY}). */
    static String variant() {
        ensureLoaded();
        return variant;
    }

    private static List<String> readManifest(String folder) throws IOException {
        String manifest = folder + "libraries.txt";
        List<String> libraries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(manifest), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    if (name.contains("/") || name.contains("\\")) {
                        throw new FaissException(manifest + " names " + name + ": expected a bare file name");
                    }
                    libraries.add(name);
                }
            }
        }
        if (!libraries.contains(LIBRARY_FILE)) {
            throw new FaissException(manifest + " must list " + LIBRARY_FILE + " after its dependencies");
        }
        return libraries;
    }

    private static InputStream resource(String name) {
        InputStream in = NativeLibrary.class.getResourceAsStream(name);
        if (in == null) {
            throw new FaissException("this jar has no " + name + ": it holds no Faiss JNI library for platform "
                    + platform() + " (faiss-jni builds the library for the platform it is built on)");
        }
        return in;
    }

    private static void deleteQuietly(Path directory, List<String> libraries) {
        try {
            for (String library : libraries) {
                Files.deleteIfExists(directory.resolve(library));
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the extracted Faiss JNI libraries in " + directory, e);
        }
    }

    private static String explain(Throwable cause) {
        String problem = "Cannot load the Faiss JNI library (" + LIBRARY_FILE + ") for " + platform() + ": "
                + cause.getMessage() + ". Fix: ";
        if (cause instanceof FaissException) { // the jar has nothing usable for this platform
            return problem + BUILD_HINT + "; or point -D" + OVERRIDE_PROPERTY + " at a " + LIBRARY_FILE
                    + " built for " + platform() + ".";
        }
        return problem + "if the temporary folder (" + System.getProperty("java.io.tmpdir") + ") is mounted noexec "
                + "or read-only, start the JVM with -Djava.io.tmpdir=<a writable, executable folder>; if a system "
                + "library or symbol version (GLIBC_2.36) is named as missing, run on Debian 12 / Ubuntu 24.04 or "
                + "newer, or " + BUILD_HINT + " (faiss-jni/README.md, Linkage).";
    }
}
