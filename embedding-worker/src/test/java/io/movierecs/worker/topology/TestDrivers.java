package io.movierecs.worker.topology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.movierecs.events.MovieVector;
import io.movierecs.events.Topics;
import io.movierecs.worker.WorkerMetrics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The worker topology under TopologyTestDriver (no broker), with its catalog inputs and its vectors output. */
final class TestDrivers {

    private TestDrivers() {
    }

    static TopologyTestDriver start(String applicationId, TopologySettings settings, Embedder embedder,
            SimpleMeterRegistry registry, Path stateDir) {
        return start(applicationId, settings, embedder, new WorkerMetrics(registry), stateDir);
    }

    static TopologyTestDriver start(String applicationId, TopologySettings settings, Embedder embedder,
            WorkerMetrics metrics, Path stateDir) {
        StreamsBuilder builder = WorkerTopology.build(new StreamsBuilder(), settings, embedder, metrics);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(builder.build(), props);
    }

    /** The catalog topic of {@code table} ({@code movies}, {@code people}, {@code movie_people}). */
    static TestInputTopic<String, String> catalog(TopologyTestDriver driver, String table) {
        return driver.createInputTopic("catalog.public." + table, Serdes.String().serializer(),
                Serdes.String().serializer());
    }

    static TestOutputTopic<Long, MovieVector> vectors(TopologyTestDriver driver) {
        return driver.createOutputTopic(Topics.MOVIE_VECTORS.name(), Topics.MOVIE_VECTORS.keySerde().deserializer(),
                Topics.MOVIE_VECTORS.valueSerde().deserializer());
    }
}
