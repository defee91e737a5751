package io.movierecs.launcher;

import io.movierecs.catalog.db.CatalogDatabase;
import io.movierecs.catalog.db.CatalogMigrations;
import io.movierecs.catalog.db.EmbeddedCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: the embedded catalog PostgreSQL, the Kafka broker and the four services as
 * supervised child processes (restarted when they exit unexpectedly). Owns all of them: {@link #close()} stops
 * the services in reverse order, then the broker and the catalog. Everything keeps its state under the data
 * directory, so a second start resumes.
 *
 * <p>Faults, by name (a service name or {@link BrokerProcess#NAME}): {@link #kill} (kill -9; the supervisor
 * restarts it), {@link #stop} (SIGTERM; stays down until {@link #start}), {@link #freeze}/{@link #thaw}
 * (SIGSTOP/SIGCONT), and {@link #restartCatalog()}.
 */
public final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final LaunchSettings settings;
    private final BrokerProcess broker;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private volatile EmbeddedCatalog catalog;

    private Stack(LaunchSettings settings, EmbeddedCatalog catalog, BrokerProcess broker) {
        this.settings = settings;
        this.catalog = catalog;
        this.broker = broker;
    }

    /** Starts everything and returns once every service reports ready; on failure stops what it started. */
    public static Stack start(LaunchSettings settings, PrintStream out) throws Exception {
        PortCheck.requireFree(settings.ports());
        for (String service : settings.services()) {
            Services.jar(settings.home(), service);
        }
        Files.createDirectories(settings.dataDirectory());
        out.println("catalog: PostgreSQL on 127.0.0.1:" + settings.ports().catalog());
        EmbeddedCatalog catalog = startCatalog(settings);
        Stack stack = null;
        try {
            CatalogMigrations.migrate(catalog.database());
            new CatalogSeed(catalog.database(), settings.dataDirectory(), out).seed(settings.dataset().orElse(null));
            out.println("kafka: broker process on 127.0.0.1:" + settings.ports().kafka() + " (log "
                    + settings.logDirectory().resolve("kafka.log") + ")");
            BrokerProcess broker = BrokerProcess.start(settings.dataDirectory().resolve("kafka"),
                    settings.ports().kafka(), settings.ports().kafkaController(), settings.logDirectory());
            stack = new Stack(settings, catalog, broker);
            broker.awaitReady(START_TIMEOUT);
            stack.startServices(settings.services(), out);
            return stack;
        } catch (Exception | Error e) {
            if (stack != null) {
                stack.close();
            } else {
                catalog.close();
            }
            throw e;
        }
    }

    private static EmbeddedCatalog startCatalog(LaunchSettings settings) throws IOException {
        return EmbeddedCatalog.start(settings.dataDirectory().resolve("catalog-pg"), settings.ports().catalog());
    }

    private void startServices(List<String> names, PrintStream out) throws Exception {
        List<ServiceProcess> started = new ArrayList<>();
        for (String name : names) {
            ServiceProcess process = ServiceProcess.start(Services.define(name, settings, broker.bootstrapServers()),
                    Services.jar(settings.home(), name), settings.logDirectory());
            running.put(name, process);
            started.add(process);
        }
        for (ServiceProcess process : started) {
            process.awaitReady(START_TIMEOUT, true);
            out.println(process.service().name() + ": ready on " + process.service().baseUrl() + " (log "
                    + process.logFile() + ")");
        }
    }

    /** Stops a service or the broker gracefully (SIGTERM); it stays down until {@link #start}. */
    public void stop(String name) throws InterruptedException {
        process(name).stop();
    }

    /** kill -9 of a service or the broker; the supervisor starts it again after its backoff. */
    public void kill(String name) throws InterruptedException {
        process(name).kill();
    }

    /** SIGSTOP: the process stays but answers nothing. */
    public void freeze(String name) throws IOException, InterruptedException {
        process(name).freeze();
    }

    /** SIGCONT after {@link #freeze}. */
    public void thaw(String name) throws InterruptedException {
        process(name).thaw();
    }

    /** Starts a stopped service or broker again and waits until it is ready. */
    public void start(String name) throws IOException, InterruptedException {
        process(name).start();
        awaitReady(name, START_TIMEOUT);
    }

    /** Waits until a service (readiness UP) or the broker (answers) is ready, through restarts. */
    public void awaitReady(String name, Duration timeout) throws IOException, InterruptedException {
        if (BrokerProcess.NAME.equals(name)) {
            broker.awaitReady(timeout);
        } else {
            service(name).awaitReady(timeout, false);
        }
    }

    /** Whether a service's readiness is UP, or the broker answers. */
    public boolean isReady(String name) throws InterruptedException {
        return BrokerProcess.NAME.equals(name) ? broker.isReady() : service(name).isReady();
    }

    /** A graceful restart (SIGTERM, start, wait until ready), as a rolling restart would do. */
    public void restart(String name) throws IOException, InterruptedException {
        stop(name);
        start(name);
    }

    /** Stops the embedded PostgreSQL and starts it again on the same port and data directory. */
    public void restartCatalog() throws IOException, InterruptedException {
        catalog.close();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                catalog = startCatalog(settings);
                return;
            } catch (IOException portNotFreeYet) {
                if (System.nanoTime() > deadline) {
                    throw portNotFreeYet;
                }
                log.info("catalog restart: {}; trying again", portNotFreeYet.getMessage());
                Thread.sleep(500);
            }
        }
    }

    private Supervised process(String name) {
        return BrokerProcess.NAME.equals(name) ? broker.process() : service(name).process();
    }

    private ServiceProcess service(String name) {
        ServiceProcess process = running.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no service named " + name + "; services: " + running.keySet()
                    + " and " + BrokerProcess.NAME);
        }
        return process;
    }

    /** The services started, in start order. */
    public List<String> services() {
        return List.copyOf(running.keySet());
    }

    /** How often a service or the broker exited unexpectedly and was restarted. */
    public int restarts(String name) {
        return process(name).unexpectedExits();
    }

    public CatalogDatabase catalog() {
        return catalog.database();
    }

    /** Movies in the catalog now. */
    public long movies() throws java.sql.SQLException {
        return CatalogSeed.movies(catalog.database());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String url(String service) {
        return service(service).service().baseUrl();
    }

    public LaunchSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(running.keySet());
        Collections.reverse(names);
        for (String name : names) {
            try {
                running.get(name).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("could not stop {}: {}", name, e.toString());
            }
        }
        try {
            broker.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("could not stop the Kafka broker: {}", e.toString());
        }
        catalog.close();
    }
}
