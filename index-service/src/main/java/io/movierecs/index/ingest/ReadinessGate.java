package io.movierecs.index.ingest;

import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * Holds Spring Boot's readiness back until ingest has caught up. Boot publishes
 * {@code ReadinessState.ACCEPTING_TRAFFIC} only after the runners return; liveness is already CORRECT and the
 * web server answers meanwhile, so the readiness probe reports 503 (REFUSING_TRAFFIC) during the catch-up.
 * If ingest fails first, start-up fails.
 */
public class ReadinessGate implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ReadinessGate.class);

    private final IngestService ingest;

    public ReadinessGate(IngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        long started = System.nanoTime();
        try {
            ingest.caughtUp().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("index-service could not catch up: " + e.getCause().getMessage(),
                    e.getCause());
        }
        log.info("ready after {} ms of catch-up", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
