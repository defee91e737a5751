package io.movierecs.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short chaos run: 1,000 changes while every service is killed twice, the broker stopped and frozen for 20 s
 * each and PostgreSQL restarted; then nothing may be missing, stale, resurrected or duplicated. The report, the
 * timeline and the CSV stay in {@code target/e2e/chaos} with the logs.
 */
class ChaosIT {

    @Test
    void afterKillsBrokerOutagesAndADatabaseRestartTheIndexMatchesTheCatalogExactly() throws Exception {
        Path directory = fresh(Path.of("target", "e2e", "chaos").toAbsolutePath());
        ChaosRun.Options options = new ChaosRun.Options(1000, 11, 2, Duration.ofSeconds(20), Duration.ofSeconds(20),
                Duration.ofSeconds(15), Duration.ofMinutes(5));

        ChaosResult result = ChaosCommand.run(ChaosCommand.settings(Path.of("..").toAbsolutePath().normalize(),
                directory), options, System.out);

        assertThat(result.changes()).hasSize(1000);
        assertThat(result.faults()).extracting(Fault::toString).contains("stop 20 s kafka", "freeze 20 s kafka",
                "restart postgresql");
        for (String service : List.of("catalog-cdc", "embedding-worker", "index-service", "query-gateway")) {
            assertThat(result.faults()).filteredOn(f -> f.target().equals(service)).as("kills of %s", service)
                    .hasSize(2);
        }
        assertThat(result.quietAfterMs()).as("time to go quiet (-1: not within the timeout)").isNotNegative();
        assertThat(result.findings().missing()).as("missing").isEmpty();
        assertThat(result.findings().stale()).as("stale").isEmpty();
        assertThat(result.findings().resurrected()).as("resurrected").isEmpty();
        assertThat(result.findings().duplicates()).as("duplicates").isEmpty();
        assertThat(directory.resolve("chaos-timeline.png")).isNotEmptyFile();
        assertThat(Files.readAllLines(directory.resolve("chaos-changes.csv"))).hasSize(1001);
    }

    private static Path fresh(Path directory) throws Exception {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return Files.createDirectories(directory);
    }
}
