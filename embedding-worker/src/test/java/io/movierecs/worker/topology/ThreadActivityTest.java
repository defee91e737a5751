package io.movierecs.worker.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a stream thread counts as idle, so that a partial batch may be embedded. */
class ThreadActivityTest {

    private final ThreadActivity activity = new ThreadActivity();

    @Test
    void aThreadThatProcessedNothingYetIsIdle() {
        assertThat(activity.idle(0, 10)).isTrue();
    }

    @Test
    void idleOnceNoRecordCameForTheIdleTime() {
        activity.record(1_000);
        assertThat(activity.idle(1_000, 10)).isFalse();
        assertThat(activity.idle(1_009, 10)).isFalse();
        assertThat(activity.idle(1_010, 10)).isTrue();
    }

    @Test
    void busyRightAfterAFullBatchWhateverTheContextClockSays() {
        activity.record(1_000);
        activity.embedded();
        // the context clock of the task that embedded did not move while the model ran: real time decides
        assertThat(activity.idle(60_000, 1_000)).isFalse();
        activity.record(60_000);
        assertThat(activity.idle(60_000 + 1_000, 1_000)).isTrue();
    }

    @Test
    void eachStreamThreadHasItsOwn() throws InterruptedException {
        ThreadActivity[] other = new ThreadActivity[1];
        Thread thread = new Thread(() -> other[0] = ThreadActivity.current());
        thread.start();
        thread.join();
        assertThat(ThreadActivity.current()).isSameAs(ThreadActivity.current()).isNotSameAs(other[0]);
    }
}
