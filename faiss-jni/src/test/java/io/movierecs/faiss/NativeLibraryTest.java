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
    void openMpIsSingleThreadedOnEveryThreadUnlessTheEnvironmentSaysOtherwise() throws Exception {
        // surefire removes OMP_NUM_THREADS from this JVM's environment (faiss-jni/pom.xml), so the default is seen
        assertThat(System.getenv("OMP_NUM_THREADS")).isNull();
        NativeLibrary.ensureLoaded();
        assertThat(FaissNative.ompMaxThreads()).isEqualTo(1);
        assertThat(CompletableFuture.supplyAsync(FaissNative::ompMaxThreads, task -> new Thread(task).start()).get()).isEqualTo(1);
    }
}
