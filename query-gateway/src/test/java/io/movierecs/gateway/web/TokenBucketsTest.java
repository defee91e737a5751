package io.movierecs.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    @Test
    void burstThenTheRatePerClient() {
        TokenBuckets buckets = new TokenBuckets(2, 3);
        long t = 1_000_000_000L;
        assertThat(buckets.take("a", t)).isZero();
        assertThat(buckets.take("a", t)).isZero();
        assertThat(buckets.take("a", t)).isZero();
        assertThat(buckets.take("a", t)).as("burst used up").isEqualTo(1);
        assertThat(buckets.take("b", t)).as("another client has its own bucket").isZero();
        assertThat(buckets.take("a", t + 500_000_000L)).as("half a second at 2/s refills one").isZero();
        assertThat(buckets.take("a", t + 500_000_000L)).isPositive();
    }
}
