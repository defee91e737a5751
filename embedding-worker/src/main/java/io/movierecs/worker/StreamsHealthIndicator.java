package io.movierecs.worker;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP while Kafka Streams runs or rebalances; DOWN otherwise, with its state. */
@Component("kafkaStreamsHealthIndicator")
class StreamsHealthIndicator implements HealthIndicator {

    private final StreamsRunner runner;

    StreamsHealthIndicator(StreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = runner.state();
        Health.Builder health = state != null && state.isRunningOrRebalancing() ? Health.up() : Health.down();
        return health.withDetail("state", state == null ? "NOT_STARTED" : state.name()).build();
    }
}
