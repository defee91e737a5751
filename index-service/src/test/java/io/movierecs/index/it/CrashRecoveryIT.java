package io.movierecs.index.it;

import static io.movierecs.index.support.Movies.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.events.SourceVersion;
import io.movierecs.index.support.ClusteredVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kill -9 of index-service (a child JVM) in the middle of a stream of upserts, deletes, re-inserts and stale
 * replays; after a restart from the newest snapshot and the replay of the topic from its offsets, the index
 * equals the topic's final state, movie by movie.
 */
class CrashRecoveryIT {

    static final int DIM = 32;
    static final int IDS = 600;
    static final int OPERATIONS = 2500;

    @TempDir
    static Path dir;

    static Kafka kafka;

    /** What the topic says per movie: the version held, or absent when deleted (with its last version). */
    final Map<Long, Long> held = new HashMap<>();
    final Map<Long, Long> deletedAt = new HashMap<>();
    final ClusteredVectors vectors = new ClusteredVectors(DIM, 30, 42);
    final List<Future<?>> pending = new ArrayList<>();
    long version = 1;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new Kafka(3);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    ChildService start(String name) throws Exception {
        Path log = Path.of("target", "crash-recovery-" + name + ".log");
        Files.deleteIfExists(log);
        return ChildService.start(log, "--index-service.dimension=" + DIM,
                "--index-service.kafka.bootstrap-servers=" + kafka.servers(),
                "--index-service.snapshot.dir=" + dir.resolve("snapshots"),
                "--index-service.snapshot.every-updates=150",
                "--index-service.index.train-threshold=300");
    }

    @Test
    void killDashNineMidStreamThenRestartEqualsTheTopic() throws Exception {
        for (long id = 1; id <= 400; id++) {
            upsert(id);
        }
        flush();
        ChildService first = start("first").awaitReady(Duration.ofMinutes(2));
        assertThat(first.http.status("/admin/v1/index")).as("no admin token, no admin endpoints").isEqualTo(404);
        int killedAt = streamChanges(first);
        ChildService second = start("second").awaitReady(Duration.ofMinutes(2));
        try {
            assertThat(killedAt).as("killed mid-stream").isBetween(1, OPERATIONS - 1);
            assertThat(second.logText()).contains("restored snapshot");
            JsonNode state = second.http.json("/internal/v1/index");
            assertThat(state.path("ntotal").asLong()).isEqualTo(held.size());
            for (long id = 1; id <= IDS; id++) {
                Long expected = held.get(id);
                if (expected == null) {
                    assertThat(second.http.status("/internal/v1/movies/" + id)).as("movie %d deleted", id)
                            .isEqualTo(404);
                } else {
                    assertThat(second.http.json("/internal/v1/movies/" + id).path("sourceVersion").asString())
                            .as("movie %d", id).isEqualTo(SourceVersion.ofPostgresLsn(expected));
                }
            }
        } finally {
            second.close();
        }
    }

    /**
     * Sends the stream in batches of 25 (each acknowledged before the next); halfway, once the service has
     * written a snapshot, kills it with SIGKILL and goes on sending while it is down. Returns where it killed.
     */
    private int streamChanges(ChildService service) throws Exception {
        Random random = new Random(7);
        int killedAt = -1;
        for (int i = 0; i < OPERATIONS; i++) {
            long id = 1 + random.nextInt(IDS);
            int roll = random.nextInt(100);
            if (roll < 60) {
                upsert(id);
            } else if (roll < 78) {
                pending.add(kafka.sendAsync(id, null));
                Long was = held.remove(id);
                deletedAt.merge(id, was == null ? 0 : was, Math::max);
            } else {
                staleReplay(id);
            }
            if (pending.size() >= 25) {
                flush();
            }
            if (i == OPERATIONS / 2) {
                await().atMost(Duration.ofMinutes(1)).until(() -> service.http.json("/internal/v1/index")
                        .path("snapshot").path("id").isString());
                service.kill();
                killedAt = i;
            }
        }
        flush();
        return killedAt;
    }

    private void upsert(long id) {
        long v = ++version;
        pending.add(kafka.sendAsync(id, movie(id, v, vectors.next())));
        held.put(id, v);
        deletedAt.remove(id);
    }

    /** An older version of a movie, as a replay would bring: never applied. */
    private void staleReplay(long id) {
        Long current = held.containsKey(id) ? held.get(id) : deletedAt.get(id);
        if (current == null || current < 2) {
            return;
        }
        pending.add(kafka.sendAsync(id, movie(id, current - (held.containsKey(id) ? 1 : 0), vectors.next())));
    }

    private void flush() throws Exception {
        for (Future<?> future : pending) {
            future.get(30, TimeUnit.SECONDS);
        }
        pending.clear();
    }
}
