package io.movierecs.faiss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NativeLibraryTest {

    @Test
    void loadsFromTheJarFolderForThisPlatform() {
        NativeLibrary.ensureLoaded();
        NativeLibrary.ensureLoaded(); // second call is a no-op
        assertThat(NativeLibrary.platform()).isEqualTo("linux-x86_64");
        assertThat(NativeLibraryTest.class.getResource("/native/linux-x86_64/libraries.txt")).isNotNull();
    }

    @Test
    void loadsTheAvx2BuildWhenTheJarHasItAndTheCpuRunsIt() {
        boolean shipped = NativeLibraryTest.class.getResource("/native/linux-x86_64/libmovierecs_faiss_avx2.so") != null;
        boolean runs = NativeVariant.AVX2.runsOn(NativeVariant.cpuFlags());
        assertThat(FaissIndex.nativeVariant()).isEqualTo(shipped && runs ? "avx2" : "generic");
        assertThat(FaissIndex.faissVersion()).isEqualTo("1.7.3");
    }

    @Test
    void openMpIsSingleThreadedOnEveryThreadUnlessTheEnvironmentSaysOtherwise() throws Exception {
        // surefire removes OMP_NUM_THREADS from this JVM's environment (faiss-jni/pom.xml), so the default is seen
        assertThat(System.getenv("OMP_NUM_THREADS")).isNull();
        NativeLibrary.ensureLoaded();
        assertThat(FaissNative.ompMaxThreads()).isEqualTo(1);
        assertThat(CompletableFuture.supplyAsync(FaissNative::ompMaxThreads, task -> new Thread(task).start()).get()).isEqualTo(1);
    }
}
