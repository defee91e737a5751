package io.movierecs.faiss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeVariantTest {

    private static final Set<String> BOTH = Set.of("libmovierecs_faiss.so", "libmovierecs_faiss_avx2.so");
    private static final Set<String> GENERIC_ONLY = Set.of("libmovierecs_faiss.so");
    private static final Set<String> AVX2_CPU = Set.of("sse4_2", "avx", "avx2", "fma", "f16c", "popcnt");
    private static final Set<String> OLD_CPU = Set.of("sse4_2", "avx", "popcnt");

    @Test
    void autoPicksAvx2OnlyWhenTheJarHasItAndTheCpuHasEveryInstructionItUses() {
        assertThat(NativeVariant.choose(BOTH, AVX2_CPU, null)).isEqualTo(NativeVariant.AVX2);
        assertThat(NativeVariant.choose(BOTH, AVX2_CPU, "auto")).isEqualTo(NativeVariant.AVX2);
        assertThat(NativeVariant.choose(BOTH, OLD_CPU, null)).isEqualTo(NativeVariant.GENERIC);
        assertThat(NativeVariant.choose(BOTH, Set.of("avx2", "popcnt", "f16c"), "")).as("no FMA")
                .isEqualTo(NativeVariant.GENERIC);
        assertThat(NativeVariant.choose(GENERIC_ONLY, AVX2_CPU, null)).isEqualTo(NativeVariant.GENERIC);
        assertThat(NativeVariant.choose(BOTH, Set.of(), null)).as("no /proc/cpuinfo").isEqualTo(NativeVariant.GENERIC);
    }

    @Test
    void aForcedVariantIsHonouredOrRefusedWithTheReason() {
        assertThat(NativeVariant.choose(BOTH, AVX2_CPU, "generic")).isEqualTo(NativeVariant.GENERIC);
        assertThat(NativeVariant.choose(BOTH, AVX2_CPU, "AVX2")).isEqualTo(NativeVariant.AVX2);
        assertThatThrownBy(() -> NativeVariant.choose(BOTH, OLD_CPU, "avx2")).isInstanceOf(FaissException.class)
                .hasMessageContaining("this CPU lacks").hasMessageContaining("fma");
        assertThatThrownBy(() -> NativeVariant.choose(GENERIC_ONLY, AVX2_CPU, "avx2"))
                .isInstanceOf(FaissException.class).hasMessageContaining("this jar has no libmovierecs_faiss_avx2.so");
        assertThatThrownBy(() -> NativeVariant.choose(BOTH, AVX2_CPU, "sse9")).isInstanceOf(FaissException.class)
                .hasMessageContaining("not one of auto, generic, avx2");
    }

    @Test
    void readsThisMachinesCpuFlags() {
        assertThat(NativeVariant.cpuFlags()).contains("sse2");
    }
}
