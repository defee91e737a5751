package io.movierecs.cdc;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP while the engine streams; DOWN with the reason once it failed. */
@Component("catalogCdcHealthIndicator")
class CdcHealthIndicator implements HealthIndicator {

    private final CdcEngine engine;

    CdcHealthIndicator(CdcEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        EngineState state = engine.state();
        Health.Builder health = switch (state.phase()) {
            case RUNNING -> Health.up();
            case STARTING -> Health.outOfService();
            case STOPPED, FAILED -> Health.down();
        };
        health.withDetail("phase", state.phase().name());
        if (state.failure() != null) {
            health.withDetail("failure", state.failure());
        }
        return health.build();
    }
}
