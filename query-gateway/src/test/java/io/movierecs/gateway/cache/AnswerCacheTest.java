package io.movierecs.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.gateway.config.GatewayProperties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {

    private final AtomicInteger loads = new AtomicInteger();

    private String load() {
        return "answer " + loads.incrementAndGet();
    }

    @Test
    void servesOnlyAtTheConfirmedGeneration() {
        AnswerCache cache = new AnswerCache(new GatewayProperties.Cache(true, 100, 60_000, 60_000, 100));
        assertThat(cache.get("k", this::load)).as("generation unknown: not cached").isEqualTo("answer 1");
        assertThat(cache.get("k", this::load)).isEqualTo("answer 2");

        cache.confirm(7);
        assertThat(cache.get("k", this::load)).isEqualTo("answer 3");
        assertThat(cache.get("k", this::load)).isEqualTo("answer 3");
        cache.confirm(7);
        assertThat(cache.get("k", this::load)).isEqualTo("answer 3");

        cache.confirm(8);
        assertThat(cache.get("k", this::load)).as("new generation").isEqualTo("answer 4");
    }

    @Test
    void aGenerationNotConfirmedWithinTheBudgetIsNotTrusted() {
        AnswerCache cache = new AnswerCache(new GatewayProperties.Cache(true, 100, 50, 60_000, 10));
        cache.confirm(1);
        assertThat(cache.currentGeneration(System.nanoTime())).isEqualTo(1);
        assertThat(cache.currentGeneration(System.nanoTime() + 51_000_000L)).isEqualTo(-1);
        cache.answeredAt(2);
        assertThat(cache.currentGeneration(System.nanoTime())).as("another generation confirms nothing").isEqualTo(1);
    }

    @Test
    void entriesExpireAfterTheirTtlEvenAtTheSameGeneration() {
        AnswerCache cache = new AnswerCache(new GatewayProperties.Cache(true, 100, 60_000, 1, 100));
        cache.confirm(1);
        String first = cache.get("k", this::load);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(1))
                .until(() -> !cache.get("k", this::load).equals(first));
    }

    @Test
    void boundedAndSwitchable() {
        AnswerCache cache = new AnswerCache(new GatewayProperties.Cache(true, 2, 60_000, 60_000, 100));
        cache.confirm(1);
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.get("c", this::load);
        assertThat(cache.size()).isLessThanOrEqualTo(2);

        AnswerCache off = new AnswerCache(new GatewayProperties.Cache(false, 2, 60_000, 60_000, 100));
        off.confirm(1);
        assertThat(off.get("a", this::load)).isNotEqualTo(off.get("a", this::load));
    }
}
