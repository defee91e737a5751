package io.movierecs.launcher;

import io.movierecs.catalog.db.CatalogDatabase;
import io.movierecs.catalog.db.CatalogMigrations;
import io.movierecs.catalog.db.EmbeddedCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: the embedded catalog PostgreSQL and the Kafka broker in this JVM, the four
 * services as child JVMs. Owns all of them: {@link #close()} stops the services in reverse order, then the broker
 * and the catalog. Everything keeps its state under the data directory, so a second start resumes.
 */
public final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final LaunchSettings settings;
    private final EmbeddedCatalog catalog;
    private final LocalBroker broker;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    private Stack(LaunchSettings settings, EmbeddedCatalog catalog, LocalBroker broker) {
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
        EmbeddedCatalog catalog = EmbeddedCatalog.start(settings.dataDirectory().resolve("catalog-pg"),
                settings.ports().catalog());
        Stack stack = null;
        try {
            CatalogMigrations.migrate(catalog.database());
            new CatalogSeed(catalog.database(), settings.dataDirectory(), out).seed(settings.dataset().orElse(null));
            out.println("kafka: broker on 127.0.0.1:" + settings.ports().kafka());
            LocalBroker broker = LocalBroker.start(settings.dataDirectory().resolve("kafka"), settings.ports().kafka(),
                    settings.ports().kafkaController());
            stack = new Stack(settings, catalog, broker);
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

    private void startServices(List<String> names, PrintStream out) throws Exception {
        List<ServiceProcess> started = new ArrayList<>();
        for (String name : names) {
            ServiceProcess process = ServiceProcess.start(Services.define(name, settings, broker.bootstrapServers()),
                    Services.jar(settings.home(), name), settings.logDirectory());
            running.put(name, process);
            started.add(process);
        }
        for (ServiceProcess process : started) {
            process.awaitReady(START_TIMEOUT);
            out.println(process.service().name() + ": ready on " + process.service().baseUrl() + " (log "
                    + process.logFile() + ")");
        }
    }

    /** Stops one service gracefully (SIGTERM), as a rolling restart would. */
    public void stop(String name) throws InterruptedException {
        process(name).stop();
    }

    /** kill -9 of one service. */
    public void kill(String name) throws InterruptedException {
        process(name).kill();
    }

    /** Starts a stopped service again and waits until it is ready. */
    public void start(String name, PrintStream out) throws Exception {
        if (process(name).isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        startServices(List.of(name), out);
    }

    public void restart(String name, PrintStream out) throws Exception {
        stop(name);
        start(name, out);
    }

    private ServiceProcess process(String name) {
        ServiceProcess process = running.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no service named " + name + "; services: " + running.keySet());
        }
        return process;
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
        return process(service).service().baseUrl();
    }

    public LaunchSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(running.keySet());
        java.util.Collections.reverse(names);
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
        } catch (RuntimeException e) {
            log.warn("could not stop the Kafka broker: {}", e.toString());
        }
        catalog.close();
    }
}
