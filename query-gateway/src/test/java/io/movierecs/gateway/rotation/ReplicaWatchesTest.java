package io.movierecs.gateway.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.gateway.health.WatchesHealthIndicator;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** The watch threads against a fake replica each: out when down, back by itself, a dead thread is liveness DOWN. */
class ReplicaWatchesTest {

    @Test
    void aReplicaThatFailsIsOutAndComesBackByItself() {
        FakeReplica a = new FakeReplica();
        FakeReplica b = new FakeReplica();
        Rotation rotation = new Rotation(List.of("http://a", "http://b"), 1000, InstantSource.system());
        try (ReplicaWatches watches = new ReplicaWatches(rotation, List.of(a, b), 50, 10)) {
            watches.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> rotation.inRotation(0) && rotation.inRotation(1));

            b.down = true;
            await().atMost(Duration.ofSeconds(2)).until(() -> !rotation.inRotation(1));
            assertThat(rotation.inRotation(0)).isTrue();
            assertThat(rotation.order()).containsExactly(0);

            b.down = false;
            await("back within the backoff cap (the budget)").atMost(Duration.ofSeconds(3))
                    .until(() -> rotation.inRotation(1));
            assertThat(new WatchesHealthIndicator(watches).health().getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void aWatchThreadThatDiesIsALivenessFailure() {
        FakeReplica a = new FakeReplica();
        Rotation rotation = new Rotation(List.of("http://a"), 1000, InstantSource.system());
        try (ReplicaWatches watches = new ReplicaWatches(rotation, List.of(a), 50, 10)) {
            WatchesHealthIndicator liveness = new WatchesHealthIndicator(watches);
            watches.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> rotation.inRotation(0));
            assertThat(liveness.health().getStatus()).isEqualTo(Status.UP);

            a.fatal = new AssertionError("a bug that ends the thread");
            await().atMost(Duration.ofSeconds(5)).until(() -> liveness.health().getStatus().equals(Status.DOWN));
            assertThat(liveness.health().getDetails()).containsEntry("endedWatches", List.of("index-watch-0"));
        }
    }
}
