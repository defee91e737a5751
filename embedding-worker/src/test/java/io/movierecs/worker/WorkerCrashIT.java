package io.movierecs.worker;

import static io.movierecs.worker.Envelopes.movieKey;
import static io.movierecs.worker.Envelopes.movieRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.events.MovieVector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the worker (a child JVM) while it works through a stream of updates; a new one takes over. Read
 * committed, movie-vectors shows no duplicate and no missing event: per movie, the rounds seen only go up,
 * and the last one is the last round written.
 */
class WorkerCrashIT {

    private static final int MOVIES = 20;
    private static final int ROUNDS = 30;
    private static final int KILL_AFTER_ROUND = 8;

    @TempDir
    Path dir;

    @Test
    void killDashNineMidStreamLosesNothingAndDuplicatesNothing() throws Exception {
        Envelopes env = new Envelopes();
        try (WorkerCluster cluster = new WorkerCluster();
                KafkaConsumer<Long, MovieVector> vectors = cluster.vectorConsumer()) {
            Process first = startWorker(cluster, "first");
            awaitHealthy(first);
            List<ConsumerRecord<Long, MovieVector>> seen = new ArrayList<>();
            Process second = null;
            for (int round = 0; round < ROUNDS; round++) {
                for (long id = 1; id <= MOVIES; id++) {
                    cluster.send("movies", movieKey(id), env.envelope(round == 0 ? "c" : "u",
                            movieRow(id, "Movie " + id + " round " + round, 2000, "Drama"), "movies"));
                }
                if (round == KILL_AFTER_ROUND) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        seen.addAll(WorkerCluster.poll(vectors));
                        return !seen.isEmpty();
                    });
                    first.destroyForcibly().waitFor();
                    second = startWorker(cluster, "second");
                }
            }
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    seen.addAll(WorkerCluster.poll(vectors));
                    return lastRounds(seen).size() == MOVIES
                            && lastRounds(seen).values().stream().allMatch(round -> round == ROUNDS - 1);
                });
            } finally {
                second.destroy();
                second.waitFor();
            }
            Map<Long, List<Integer>> rounds = roundsPerMovie(seen);
            assertThat(rounds).hasSize(MOVIES);
            rounds.forEach((movieId, seq) -> assertThat(seq).as("rounds of movie %d", movieId)
                    .isSortedAccordingTo(Integer::compare).doesNotHaveDuplicates().endsWith(ROUNDS - 1));
        }
    }

    private static Map<Long, List<Integer>> roundsPerMovie(List<ConsumerRecord<Long, MovieVector>> records) {
        Map<Long, List<Integer>> rounds = new TreeMap<>();
        for (ConsumerRecord<Long, MovieVector> record : records) {
            String title = record.value().title();
            rounds.computeIfAbsent(record.key(), id -> new ArrayList<>())
                    .add(Integer.parseInt(title.substring(title.lastIndexOf(' ') + 1)));
        }
        return rounds;
    }

    private static Map<Long, Integer> lastRounds(List<ConsumerRecord<Long, MovieVector>> records) {
        Map<Long, Integer> last = new TreeMap<>();
        roundsPerMovie(records).forEach((id, seq) -> last.put(id, seq.get(seq.size() - 1)));
        return last;
    }

    private Process startWorker(WorkerCluster cluster, String name) throws IOException {
        int port = freePort();
        String classpath = Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(Path.of("target", "classpath.txt")).strip();
        Path log = Path.of("target", "worker-crash-" + name + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classpath, WorkerApplication.class.getName(),
                "--server.port=" + port, "--spring.main.banner-mode=off",
                "--embedding-worker.bootstrap-servers=" + cluster.brokers(),
                "--embedding-worker.state-dir=" + dir.resolve("state"),
                "--embedding-worker.application-id=worker-crash-it",
                // the killed member's partitions move after the session timeout: keep it at the broker minimum
                "--embedding-worker.streams.session.timeout.ms=6000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ports.put(process.pid(), port);
        return process;
    }

    private final Map<Long, Integer> ports = new TreeMap<>();

    private void awaitHealthy(Process process) {
        String url = "http://127.0.0.1:" + ports.get(process.pid()) + "/actuator/health";
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("worker process alive (see target/worker-crash-*.log)").isTrue();
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
