package io.movierecs.faiss;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The builds of the shim a jar may carry, and which one this CPU runs. Debian's Faiss is compiled for baseline
 * x86-64 (SSE); the AVX2 variant links the same Faiss 1.7.3 source compiled as Faiss's CMake compiles its
 * {@code faiss_avx2} target ({@code -mavx2 -mfma -mf16c -mpopcnt}), whose searches are about 4x faster. Running
 * it on a CPU without those instructions would crash the JVM with SIGILL, so it is chosen only when
 * {@code /proc/cpuinfo} lists all four.
 *
 * <p>{@code -Dmovierecs.faiss.variant=auto|generic|avx2} (default auto) forces a choice; asking for avx2 on a CPU
 * or jar without it is a {@link FaissException}, not a silent fallback.
 */
enum NativeVariant {

    GENERIC("libmovierecs_faiss.so", List.of()),
    AVX2("libmovierecs_faiss_avx2.so", List.of("avx2", "fma", "f16c", "popcnt"));

    static final String PROPERTY = "movierecs.faiss.variant";
    static final String FILE_PREFIX = "libmovierecs_faiss";

    private final String file;
    private final List<String> cpuFlags;

    NativeVariant(String file, List<String> cpuFlags) {
        this.file = file;
        this.cpuFlags = cpuFlags;
    }

    String file() {
        return file;
    }

    boolean runsOn(Set<String> flags) {
        return flags.containsAll(cpuFlags);
    }

    /**
     * The variant to load.
     *
     * @param listed the shim files the jar carries
     * @param flags the CPU's feature flags
     * @param requested the {@value #PROPERTY} setting: null, blank or "auto" picks the fastest that runs
     */
    static NativeVariant choose(Set<String> listed, Set<String> flags, String requested) {
        String wanted = requested == null || requested.isBlank() ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("auto")) {
            return listed.contains(AVX2.file) && AVX2.runsOn(flags) ? AVX2 : GENERIC;
        }
        NativeVariant variant = Stream.of(values()).filter(v -> v.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst().orElseThrow(() -> new FaissException("-D" + PROPERTY + "=" + requested
                        + " is not one of auto, generic, avx2"));
        if (!listed.contains(variant.file)) {
            throw new FaissException("-D" + PROPERTY + "=" + wanted + " but this jar has no " + variant.file
                    + " (faiss-jni was built with FAISS_AVX2=off, or its AVX2 build of Faiss failed)");
        }
        if (!variant.runsOn(flags)) {
            throw new FaissException("-D" + PROPERTY + "=" + wanted + " but this CPU lacks some of "
                    + variant.cpuFlags + " (it would crash on an illegal instruction); use generic");
        }
        return variant;
    }

    /** The feature flags of the first CPU in {@code /proc/cpuinfo}; empty where there is none (not Linux). */
    static Set<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Set.of();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> Set.copyOf(Arrays.asList(line.substring(line.indexOf(':') + 1).strip().split("\\s+"))))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
