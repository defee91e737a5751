package io.movierecs.gateway.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.movierecs.gateway.rotation.Rotation;
import java.util.stream.IntStream;

/**
 * {@code pipeline.last.progress} (epoch seconds of the last time a replica was in rotation), {@code
 * pipeline.stalled} (1 while readiness is down for lack of it), {@code gateway.index.replica.in.rotation} (1 or 0,
 * tag {@code replica} = its URL) and {@code gateway.index.replicas.in.rotation}.
 */
public class RotationMetrics implements MeterBinder {

    private final Rotation rotation;
    private final ProgressHealthIndicator progress;

    public RotationMetrics(Rotation rotation, ProgressHealthIndicator progress) {
        this.rotation = rotation;
        this.progress = progress;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("pipeline.last.progress", rotation, r -> r.lastProgressAtMs() / 1000.0).baseUnit("seconds")
                .description("when an index-service replica was last in rotation (epoch seconds)").register(registry);
        Gauge.builder("pipeline.stalled", progress, p -> p.stalled() ? 1 : 0)
                .description("1 while readiness is down for lack of progress").register(registry);
        Gauge.builder("gateway.index.replicas.in.rotation", rotation,
                r -> IntStream.range(0, r.urls().size()).filter(r::inRotation).count())
                .description("index-service replicas requests go to").register(registry);
        for (int i = 0; i < rotation.urls().size(); i++) {
            int replica = i;
            Gauge.builder("gateway.index.replica.in.rotation", rotation, r -> r.inRotation(replica) ? 1 : 0)
                    .tag("replica", rotation.urls().get(i)).description("1 while requests go to this replica")
                    .register(registry);
        }
    }
}
