package io.movierecs.index.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GenerationSignalTest {

    private final GenerationSignal signal = new GenerationSignal();

    @Test
    void aChangeWakesEveryWaiterAndForgetsThem() throws Exception {
        CompletableFuture<Void> first = signal.next(60_000);
        CompletableFuture<Void> second = signal.next(60_000);
        assertThat(signal.waiting()).isEqualTo(2);

        signal.changed();
        first.get(1, TimeUnit.SECONDS);
        second.get(1, TimeUnit.SECONDS);
        assertThat(signal.waiting()).isZero();
    }

    @Test
    void aWaiterThatTimesOutIsForgottenToo() throws Exception {
        signal.next(20).get(5, TimeUnit.SECONDS);
        assertThat(signal.waiting()).as("idle long polls leave nothing behind").isZero();
    }
}
