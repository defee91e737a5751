package io.movierecs.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/**
 * A stream thread that keeps dying without progress is replaced a bounded number of times, then the client is
 * shut down (liveness fails); progress in between starts the count again; deaths while the broker is unreachable
 * are not counted.
 */
class ThreadReplacementsTest {

    private final MutableClock clock = new MutableClock();
    private final PipelineProgress progress = new PipelineProgress(clock, 3000, new SimpleMeterRegistry());
    private final ThreadReplacements replacements = new ThreadReplacements(3, progress);
    private final RuntimeException failure = new IllegalStateException("producer fenced");

    @Test
    void givesUpAfterTheBoundInARowWithoutProgress() {
        progress.brokerReachable(true);
        assertThat(replacements.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(replacements.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(replacements.gaveUp()).isNull();
        assertThat(replacements.handle(failure)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(replacements.gaveUp()).contains("3 stream threads died in a row").contains("producer fenced");
    }

    @Test
    void progressInBetweenStartsTheCountAgain() {
        progress.brokerReachable(true);
        for (int i = 0; i < 10; i++) {
            clock.advance(1000);
            progress.progressed();
            assertThat(replacements.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        assertThat(replacements.gaveUp()).isNull();
    }

    @Test
    void deathsWhileTheBrokerIsUnreachableAreNotCounted() {
        progress.brokerReachable(false);
        for (int i = 0; i < 10; i++) {
            assertThat(replacements.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        }
        assertThat(replacements.gaveUp()).isNull();
    }

    @Test
    void progressTurnsStalledAfterTheGraceAndBackOnProgress() {
        progress.started();
        assertThat(progress.stalled()).isFalse();
        clock.advance(3001);
        progress.waiting("Kafka unreachable");
        assertThat(progress.stalled()).isTrue();
        progress.progressed();
        assertThat(progress.stalled()).isFalse();
    }

    private static final class MutableClock extends Clock {
        private long millis = 1_000_000;

        void advance(long by) {
            millis += by;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
