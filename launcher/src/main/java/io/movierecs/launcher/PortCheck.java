package io.movierecs.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fails before anything starts when a port the pipeline needs is already taken, naming the option to change. */
final class PortCheck {

    private PortCheck() {
    }

    static void requireFree(LaunchSettings.Ports ports) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("--http-port (query-gateway, the web page)", ports.gateway());
        wanted.put("--cdc-port (catalog-cdc)", ports.catalogCdc());
        wanted.put("--worker-port (embedding-worker)", ports.embeddingWorker());
        wanted.put("--index-port (index-service)", ports.indexService());
        wanted.put("--catalog-port (PostgreSQL)", ports.catalog());
        wanted.put("--kafka-port (Kafka broker)", ports.kafka());
        wanted.put("--kafka-controller-port (Kafka KRaft controller)", ports.kafkaController());
        Map<Integer, String> seen = new LinkedHashMap<>();
        wanted.forEach((option, port) -> {
            String other = seen.putIfAbsent(port, option);
            if (other != null) {
                throw new IllegalArgumentException("port " + port + " is given to both " + other + " and " + option);
            }
            if (!free(port)) {
                throw new IllegalArgumentException("port " + port + " on 127.0.0.1 is taken (is another './movie-recs"
                        + " run' up?): stop what uses it or choose another with " + option);
            }
        });
    }

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
