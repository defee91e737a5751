package io.movierecs.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) as a supervised child JVM ({@code kafka.Kafka
 * server.properties} on the launcher's class path), its output in {@code logs/kafka.log} and its log directory
 * under {@code DATA/kafka/log}: the first start formats it, later starts (and restarts) reuse topics and offsets.
 * Like the services it can be stopped, killed, frozen and started again on the same port.
 *
 * <p>Topics are never created automatically: every service creates the topics it owns.
 */
public final class BrokerProcess implements AutoCloseable {

    public static final String NAME = "kafka";

    private final Supervised process;
    private final int port;

    private BrokerProcess(Supervised process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Formats {@code directory} if it is new, then starts the broker on 127.0.0.1:{@code port}. */
    public static BrokerProcess start(Path directory, int port, int controllerPort, Path logDirectory)
            throws IOException {
        Files.createDirectories(directory);
        Path logDir = directory.resolve("log");
        Path config = directory.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            properties(logDir, port, controllerPort).store(writer, "written by movie-recs; rewritten at every start");
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        List<String> command = List.of(ChildCommand.java(), "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=broker-logback.xml", "-cp", System.getProperty("java.class.path"),
                "kafka.Kafka", config.toAbsolutePath().toString());
        Supervised process = new Supervised(new ChildCommand(NAME, command, Map.of(),
                logDirectory.resolve(NAME + ".log")));
        process.start();
        return new BrokerProcess(process, port);
    }

    static Properties properties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "1");
        // a laptop default: a week of history, segments small enough that compaction gets to run
        p.setProperty("log.retention.hours", "168");
        p.setProperty("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    private static void format(Path config) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", config.toString()}, out);
        }
        if (status != 0) {
            throw new IOException("could not format the Kafka log directory: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** Waits until the broker answers a metadata request (through the supervisor's restarts). */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isReady()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("the Kafka broker was not ready after " + timeout.toSeconds() + " s; see "
                + process.logFile());
    }

    /** Whether the broker answers: it listens and describes its cluster within 3 s. */
    public boolean isReady() throws InterruptedException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException notListening) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException notAnswering) {
            return false;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The supervised process: stop, kill -9, freeze, thaw, start. */
    public Supervised process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
