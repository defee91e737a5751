package io.movierecs.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.gateway.index.IndexState;
import io.movierecs.gateway.rotation.FakeClock;
import io.movierecs.gateway.rotation.Rotation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** Readiness on a hand-moved clock: UP, no replica in rotation past the grace, UP again once one is. */
class ProgressHealthIndicatorTest {

    private final FakeClock clock = new FakeClock();
    private final Rotation rotation = new Rotation(List.of("http://a", "http://b"), 1000, clock);
    private final ProgressHealthIndicator progress = new ProgressHealthIndicator(rotation, 3000);

    @Test
    void outOfServiceOnlyAfterTheGraceWithoutAReplicaInRotation() {
        assertThat(progress.health().getStatus()).as("starting: within the grace").isEqualTo(Status.UP);
        rotation.answered(0, new IndexState("LIVE", "IDMap,Flat", 10, 1, 1000, true, 10L));
        assertThat(progress.health().getStatus()).isEqualTo(Status.UP);
        assertThat(progress.health().getDetails()).containsEntry("stalledForMs", 0L);

        clock.advance(2500);
        Health waiting = progress.health();
        assertThat(waiting.getStatus()).as("replica silent, but within the grace").isEqualTo(Status.UP);
        assertThat(waiting.getDetails().get("reason").toString()).contains("http://a no answer for 2500 ms")
                .contains("http://b not heard from yet");

        clock.advance(1600);
        Health stalled = progress.health();
        assertThat(stalled.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat((Long) stalled.getDetails().get("stalledForMs")).isGreaterThan(3000);
        assertThat(progress.stalled()).isTrue();

        rotation.answered(1, new IndexState("LIVE", "IDMap,Flat", 10, 1, 1000, true, 10L));
        assertThat(progress.health().getStatus()).isEqualTo(Status.UP);
        assertThat(progress.stalled()).isFalse();
    }
}
