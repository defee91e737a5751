package io.movierecs.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.gateway.config.GatewayProperties;
import io.movierecs.gateway.index.IndexState;
import io.movierecs.gateway.rotation.FakeClock;
import io.movierecs.gateway.rotation.Rotation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cache over a rotation of two replicas on a hand-moved clock; each load reports which replica answered, as
 * the HTTP client does.
 */
class AnswerCacheTest {

    private final AtomicInteger loads = new AtomicInteger();
    private final FakeClock clock = new FakeClock();
    private final Rotation rotation = new Rotation(List.of("http://a", "http://b"), 1000, clock);

    private static GatewayProperties.Cache config(boolean enabled, int maxEntries, long ttlMs) {
        return new GatewayProperties.Cache(enabled, maxEntries, 1000, ttlMs, 25);
    }

    private static IndexState at(long generation, Long position) {
        return new IndexState("LIVE", "IDMap,Flat", 10, generation, 1000, true, position);
    }

    /** A load answered by {@code replica}. */
    private String loadFrom(int replica) {
        rotation.served(replica, null, null);
        return "answer " + loads.incrementAndGet();
    }

    @Test
    void servesOnlyAtTheHighestPositionAndStoresOnlyAnswersFromThere() {
        AnswerCache cache = new AnswerCache(config(true, 100, 60_000), rotation);
        assertThat(cache.get("k", () -> loadFrom(0))).as("no replica in rotation: not cached").isEqualTo("answer 1");
        assertThat(cache.get("k", () -> loadFrom(0))).isEqualTo("answer 2");

        rotation.answered(0, at(1, 10L));
        rotation.answered(1, at(7, 10L));
        assertThat(cache.get("k", () -> loadFrom(1))).isEqualTo("answer 3");
        assertThat(cache.get("k", () -> loadFrom(0))).as("cached at position 10").isEqualTo("answer 3");

        rotation.answered(0, at(2, 11L));
        assertThat(cache.get("k", () -> loadFrom(1))).as("an edit on replica 0: the old entry is gone")
                .isEqualTo("answer 4");
        assertThat(cache.get("k", () -> loadFrom(0))).as("replica 1 is behind: its answer was not stored")
                .isEqualTo("answer 5");
        assertThat(cache.get("k", () -> loadFrom(1))).as("replica 0's was").isEqualTo("answer 5");
    }

    @Test
    void aLoadOfSeveralCallsIsStoredOnlyWhenEveryPartCameFromTheHighestPosition() {
        AnswerCache cache = new AnswerCache(config(true, 100, 60_000), rotation);
        rotation.answered(0, at(1, 11L));
        rotation.answered(1, at(7, 10L));
        cache.get("outer", () -> cache.get("inner", () -> loadFrom(1)) + loadFrom(0));
        assertThat(cache.size()).as("neither the inner part from replica 1 nor the whole").isZero();
        cache.get("outer", () -> cache.get("inner", () -> loadFrom(0)) + loadFrom(0));
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void nothingIsServedOnceNoReplicaAnsweredWithinTheBudget() {
        AnswerCache cache = new AnswerCache(config(true, 100, 60_000), rotation);
        rotation.answered(0, at(1, 10L));
        String first = cache.get("k", () -> loadFrom(0));
        assertThat(cache.get("k", () -> loadFrom(0))).isEqualTo(first);
        clock.advance(1001);
        assertThat(cache.get("k", () -> loadFrom(0))).as("replica silent: the index is asked").isNotEqualTo(first);
    }

    @Test
    void entriesExpireAfterTheirTtlEvenAtTheSamePosition() {
        AnswerCache cache = new AnswerCache(config(true, 100, 1), rotation);
        rotation.answered(0, at(1, 10L));
        String first = cache.get("k", () -> loadFrom(0));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(1))
                .until(() -> !cache.get("k", () -> loadFrom(0)).equals(first));
    }

    @Test
    void boundedAndSwitchable() {
        rotation.answered(0, at(1, 10L));
        AnswerCache cache = new AnswerCache(config(true, 2, 60_000), rotation);
        cache.get("a", () -> loadFrom(0));
        cache.get("b", () -> loadFrom(0));
        cache.get("c", () -> loadFrom(0));
        assertThat(cache.size()).isLessThanOrEqualTo(2);

        AnswerCache off = new AnswerCache(config(false, 2, 60_000), rotation);
        assertThat(off.get("a", () -> loadFrom(0))).isNotEqualTo(off.get("a", () -> loadFrom(0)));
    }
}
