package io.movierecs.worker;

import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Liveness ({@code kafkaStreams}; a contributor named {@code liveness} clashes with the liveness group, Spring
 * Boot refuses to start): DOWN only for what a restart fixes: Kafka Streams in ERROR, PENDING_ERROR or shut
 * down after having run (stream threads that kept dying: {@link ThreadReplacements}), start-up given up (wrapped
 * keys) or ended. A broker outage or a start-up still waiting for Kafka is UP (readiness shows those).
 */
@Component("kafkaStreamsHealthIndicator")
class LivenessHealthIndicator implements HealthIndicator {

    private static final Set<KafkaStreams.State> DEAD = EnumSet.of(KafkaStreams.State.ERROR,
            KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);

    private final StreamsRunner runner;

    LivenessHealthIndicator(StreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = runner.state();
        String stateName = state == null ? "NOT_STARTED" : state.name();
        String failure = runner.failure();
        if (failure != null) {
            return Health.down().withDetail("state", stateName).withDetail("reason", failure).build();
        }
        if (state != null && DEAD.contains(state) && !runner.isStopping()) {
            return Health.down().withDetail("state", stateName)
                    .withDetail("reason", "Kafka Streams is " + stateName + ": see the log for the cause").build();
        }
        return Health.up().withDetail("state", stateName).build();
    }
}
