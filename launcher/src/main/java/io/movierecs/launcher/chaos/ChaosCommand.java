package io.movierecs.launcher.chaos;

import io.movierecs.launcher.IndexProgress;
import io.movierecs.launcher.LaunchSettings;
import io.movierecs.launcher.Services;
import io.movierecs.launcher.Stack;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./movie-recs chaos}: see the package documentation and README "Chaos runs and dead letters". */
@Command(name = "movie-recs chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts the embedded pipeline on a fresh directory (free ports, sample catalog), makes a seeded",
            "mix of catalog changes while killing every service twice (kill -9), stopping and freezing the broker",
            "and restarting PostgreSQL, waits until the pipeline is quiet and checks every movie. Exit code 0 when",
            "nothing is missing, stale, resurrected or duplicated; 1 otherwise."})
public final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--changes", defaultValue = "2000", description = "Catalog changes to make (default ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--seed", description = "Seed of the workload and of the order of the faults (default: the time).")
    Long seed;

    @Option(names = "--broker-stop-seconds", defaultValue = "90",
            description = "How long the broker stays stopped (default ${DEFAULT-VALUE}).")
    int brokerStopSeconds;

    @Option(names = "--broker-freeze-seconds", defaultValue = "60",
            description = "How long the broker stays frozen (default ${DEFAULT-VALUE}).")
    int brokerFreezeSeconds;

    @Option(names = "--quiet-seconds", defaultValue = "30",
            description = "Nothing may change for this long before the check (default ${DEFAULT-VALUE}).")
    int quietSeconds;

    @Option(names = "--quiet-timeout-seconds", defaultValue = "600",
            description = "The longest wait for the pipeline to go quiet (default ${DEFAULT-VALUE}).")
    int quietTimeoutSeconds;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A new directory for this run (default var/chaos-<time>); kept for its logs and reports.")
    Path dataDir;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "launcher-logback.xml");
        }
        System.exit(new CommandLine(new ChaosCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long theSeed = seed == null ? System.currentTimeMillis() : seed;
        Path directory = (dataDir == null ? Path.of("var", "chaos-" + System.currentTimeMillis()) : dataDir)
                .toAbsolutePath().normalize();
        if (Files.exists(directory) && Files.list(directory).findAny().isPresent()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--data-dir " + directory
                    + " is not empty: a chaos run starts from a fresh directory");
        }
        System.setProperty("movie-recs.log-dir", directory.resolve("logs").toString());
        ChaosRun.Options options = new ChaosRun.Options(changes, theSeed, 2, Duration.ofSeconds(brokerStopSeconds),
                Duration.ofSeconds(brokerFreezeSeconds), Duration.ofSeconds(quietSeconds),
                Duration.ofSeconds(quietTimeoutSeconds));
        ChaosResult result = run(settings(home(), directory), options, System.out);
        return result.passed() ? 0 : 1;
    }

    /** Starts the pipeline, waits for the first backfill, runs, prints the report and writes the artifacts. */
    static ChaosResult run(LaunchSettings settings, ChaosRun.Options options, PrintStream out) throws Exception {
        out.println("chaos: starting the pipeline in " + settings.dataDirectory());
        try (Stack stack = Stack.start(settings, out)) {
            new IndexProgress(stack.url(Services.INDEX_SERVICE)).awaitSettled(stack.movies(), Duration.ofSeconds(3),
                    Duration.ofMinutes(10));
            ChaosResult result = new ChaosRun(stack, options, out).run();
            ChaosReport.print(result, out);
            ChaosRun.writeArtifacts(result, settings.dataDirectory(), out);
            out.println("logs:     " + settings.logDirectory());
            return result;
        }
    }

    /** The whole pipeline on free loopback ports in {@code directory}, with the sample catalog only. */
    static LaunchSettings settings(Path home, Path directory) throws IOException {
        Files.createDirectories(directory);
        Set<Integer> taken = new HashSet<>();
        return new LaunchSettings(home, directory, Services.ALL, new LaunchSettings.Ports(free(taken), free(taken),
                free(taken), free(taken), free(taken), free(taken), free(taken)), Optional.empty(), Optional.empty());
    }

    private static int free(Set<Integer> taken) throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("movie-recs.home", ".")).toAbsolutePath().normalize();
    }
}
