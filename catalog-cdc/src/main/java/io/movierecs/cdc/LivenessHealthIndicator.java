package io.movierecs.cdc;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Liveness (contributor {@code engine}; the name {@code liveness} clashes with the health group): DOWN only when a restart would help, i.e. the supervisor that keeps the Debezium engine running ended
 * by an unexpected error. A broker or database outage is not a liveness failure (it shows in readiness); the
 * engine's phase, its last failure and the number of restarts are details.
 */
@Component("engineHealthIndicator")
class LivenessHealthIndicator implements HealthIndicator {

    private final CdcEngine engine;

    LivenessHealthIndicator(CdcEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        EngineState state = engine.state();
        EngineSupervisor supervisor = engine.supervisor();
        boolean dead = supervisor != null && !supervisor.alive();
        Health.Builder health = dead ? Health.down() : Health.up();
        health.withDetail("phase", state.phase().name());
        if (state.failure() != null) {
            health.withDetail("failure", state.failure());
        }
        if (supervisor != null) {
            health.withDetail("restarts", supervisor.restarts());
            if (dead) {
                health.withDetail("supervisor", "ended: " + supervisor.deathCause());
            }
        }
        return health.build();
    }
}
