package io.movierecs.gateway.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.gateway.index.IndexState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rotation rules on a hand-moved clock: silence, lag, readiness, fallback, the cache version. */
class RotationTest {

    private final FakeClock clock = new FakeClock();
    private final Rotation rotation = new Rotation(List.of("http://a", "http://b", "http://c"), 1000, clock);

    static IndexState at(long generation, Long position) {
        return new IndexState("LIVE", "IDMap,Flat", 10, generation, 1000, true, position);
    }

    private Set<Integer> tried() {
        Set<Integer> replicas = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            replicas.add(rotation.order()[0]);
        }
        return replicas;
    }

    @Test
    void aSilentReplicaLeavesWithinTheBudgetAndComesBackWhenItAnswers() {
        for (int i = 0; i < 3; i++) {
            rotation.answered(i, at(1, 10L));
        }
        assertThat(tried()).containsExactlyInAnyOrder(0, 1, 2);
        clock.advance(600);
        rotation.answered(0, at(1, 10L));
        rotation.answered(2, at(1, 10L));
        clock.advance(401);
        assertThat(rotation.inRotation(1)).as("frozen: no answer for 1001 ms").isFalse();
        assertThat(tried()).containsExactlyInAnyOrder(0, 2);
        assertThat(rotation.order()).as("only replicas in rotation are tried").hasSize(2);
        assertThat(rotation.view().get(1).reason()).contains("no answer for 1001 ms");

        rotation.answered(1, at(1, 10L));
        assertThat(rotation.inRotation(1)).isTrue();
        assertThat(tried()).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void aFailedStateRequestTakesAReplicaOutAtOnce() {
        rotation.answered(0, at(1, 10L));
        rotation.answered(1, at(1, 10L));
        rotation.failed(1);
        assertThat(rotation.inRotation(1)).isFalse();
        assertThat(rotation.view().get(1).reason()).startsWith("not answering");
    }

    @Test
    void aLaggingReplicaServesLastLeavesAfterTheBudgetAndReturnsOnceCaughtUp() {
        rotation.answered(0, at(5, 11L));
        rotation.answered(1, at(9, 10L));
        assertThat(rotation.inRotation(1)).as("behind for less than the budget").isTrue();
        assertThat(rotation.order()).as("the replica at the highest position first").startsWith(0);
        assertThat(rotation.view().get(1).lag()).isEqualTo(1);

        clock.advance(700);
        rotation.answered(0, at(5, 11L));
        rotation.answered(1, at(9, 10L));
        clock.advance(400);
        rotation.answered(0, at(5, 11L));
        rotation.answered(1, at(9, 10L));
        assertThat(rotation.inRotation(1)).as("behind for 1100 ms while answering").isFalse();
        assertThat(rotation.view().get(1).reason()).startsWith("behind the highest position");
        assertThat(rotation.order()).containsExactly(0);

        rotation.answered(1, at(10, 11L));
        assertThat(rotation.inRotation(1)).as("caught up").isTrue();
        assertThat(rotation.view().get(1).lag()).isZero();
    }

    @Test
    void aReplicaNotReadyIsOutAndNoneInRotationMeansTryingEveryReplica() {
        rotation.answered(0, new IndexState("CATCHING_UP", "IDMap,Flat", 3, 1, 0, false, 3L));
        assertThat(rotation.inRotation(0)).isFalse();
        assertThat(rotation.view().get(0).reason()).contains("not ready");
        assertThat(rotation.anyInRotation()).isFalse();
        assertThat(rotation.order()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(rotation.cacheVersion()).as("no cache while none is in rotation").isNull();
    }

    @Test
    void theCacheFollowsTheHighestPositionInRotation() {
        rotation.answered(0, at(5, 10L));
        rotation.answered(1, at(9, 10L));
        assertThat(rotation.cacheVersion()).isEqualTo(new CacheVersion("p:10", 10));
        rotation.answered(1, at(10, 12L));
        assertThat(rotation.cacheVersion().position()).as("an edit on any replica moves it").isEqualTo(12);

        clock.advance(1001);
        rotation.answered(0, at(5, 10L));
        assertThat(rotation.cacheVersion().position()).as("replica 1 is silent: out").isEqualTo(10);
    }

    @Test
    void replicasWithoutPositionsKeyTheCacheByTheirGenerationsAndNeverLag() {
        rotation.answered(0, new IndexState("LIVE", "IDMap,Flat", 10, 4, 1000));
        rotation.answered(1, at(9, 12L));
        clock.advance(1500);
        rotation.answered(0, new IndexState("LIVE", "IDMap,Flat", 10, 4, 1000));
        rotation.answered(1, at(9, 12L));
        assertThat(rotation.inRotation(0)).as("no position: never behind; no ready: counts as ready").isTrue();
        CacheVersion version = rotation.cacheVersion();
        assertThat(version.positional()).isFalse();
        assertThat(version.key()).isEqualTo("g:0@4:1@9");
    }

    @Test
    void anAnswerAtTheWatchedGenerationConfirmsTheReplica() {
        rotation.answered(0, at(5, 10L));
        clock.advance(900);
        rotation.served(0, 4L, 10L);
        clock.advance(200);
        assertThat(rotation.inRotation(0)).as("another generation confirms nothing").isFalse();
        rotation.answered(0, at(5, 10L));
        clock.advance(900);
        rotation.served(0, 5L, 10L);
        clock.advance(200);
        assertThat(rotation.inRotation(0)).isTrue();
        assertThat(rotation.view().get(0).lastAnsweredAgeSeconds()).isEqualTo(0.2);
    }
}
