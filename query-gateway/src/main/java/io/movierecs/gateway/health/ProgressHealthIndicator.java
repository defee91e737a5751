package io.movierecs.gateway.health;

import io.movierecs.gateway.rotation.ReplicaView;
import io.movierecs.gateway.rotation.Rotation;
import java.time.Instant;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness: UP while an index-service replica was in rotation within {@code query-gateway.health.stall-grace-ms}
 * (the gateway's progress: it can answer from a live, current index), OUT_OF_SERVICE after that. Details:
 * {@code lastProgressAt}, {@code stalledForMs}, {@code reason} (each replica's, when none is in rotation).
 */
public class ProgressHealthIndicator implements HealthIndicator {

    private final Rotation rotation;
    private final long graceMs;

    public ProgressHealthIndicator(Rotation rotation, long graceMs) {
        this.rotation = rotation;
        this.graceMs = graceMs;
    }

    /** Whether readiness is down for lack of progress. */
    public boolean stalled() {
        return rotation.now() - rotation.lastProgressAtMs() > graceMs;
    }

    @Override
    public Health health() {
        long last = rotation.lastProgressAtMs();
        long stalledFor = rotation.anyInRotation() ? 0 : Math.max(0, rotation.now() - last);
        Health.Builder health = stalledFor > graceMs ? Health.outOfService() : Health.up();
        health.withDetail("lastProgressAt", Instant.ofEpochMilli(last).toString()).withDetail("stalledForMs", stalledFor)
                .withDetail("replicasInRotation", rotation.view().stream().filter(ReplicaView::inRotation).count());
        if (stalledFor > 0) {
            health.withDetail("reason", "no index-service replica in rotation: " + rotation.view().stream()
                    .map(r -> r.url() + " " + r.reason()).collect(Collectors.joining("; ")));
        }
        return health.build();
    }
}
