package io.movierecs.launcher;

import io.movierecs.catalog.db.CatalogDatabase;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./movie-recs run}: the whole pipeline on this machine until Ctrl-C. */
@Command(name = "movie-recs run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Starts the embedded catalog (PostgreSQL), a Kafka broker, catalog-cdc, embedding-worker,",
            "index-service and query-gateway, with the web page on http://localhost:<http-port>.",
            "State lives in --data-dir: a second run resumes without importing or embedding again."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:MOVIE_RECS_DATA:-var}",
            description = "Data directory (default ${DEFAULT-VALUE}, env MOVIE_RECS_DATA).")
    Path dataDir;

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "A MovieLens directory to import once, e.g. ../shared/data/ml-latest-small.")
    Path dataset;

    @Option(names = "--http-port", defaultValue = "8080", description = "query-gateway and the web page (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--cdc-port", defaultValue = "8081", description = "catalog-cdc (default ${DEFAULT-VALUE}).")
    int cdcPort;

    @Option(names = "--worker-port", defaultValue = "8082", description = "embedding-worker (default ${DEFAULT-VALUE}).")
    int workerPort;

    @Option(names = "--index-port", defaultValue = "8083", description = "index-service (default ${DEFAULT-VALUE}).")
    int indexPort;

    @Option(names = "--catalog-port", defaultValue = "54329", description = "PostgreSQL (default ${DEFAULT-VALUE}).")
    int catalogPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "9093", description = "KRaft controller (default ${DEFAULT-VALUE}).")
    int kafkaControllerPort;

    @Option(names = "--mlflow-tracking-uri", paramLabel = "URI", defaultValue = "${env:MLFLOW_TRACKING_URI}",
            description = "Publish index snapshots to this MLflow server (env MLFLOW_TRACKING_URI).")
    String mlflowTrackingUri;

    @Option(names = "--services", split = ",", paramLabel = "NAME",
            description = "Start only these services (default: all four), e.g. to run one from an IDE instead.")
    java.util.List<String> services = Services.ALL;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "launcher-logback.xml");
        }
        System.exit(new CommandLine(new RunCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (dataset != null && !Files.isRegularFile(dataset.resolve("movies.csv"))) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--dataset " + dataset + " holds no movies.csv (expected a MovieLens directory)");
        }
        PrintStream out = System.out;
        for (String service : services) {
            if (!Services.ALL.contains(service)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--services: no service named " + service + "; services: " + Services.ALL);
            }
        }
        LaunchSettings settings = new LaunchSettings(home(), dataDir.toAbsolutePath().normalize(), services,
                new LaunchSettings.Ports(httpPort, cdcPort, workerPort, indexPort, catalogPort, kafkaPort,
                        kafkaControllerPort),
                Optional.ofNullable(dataset), Optional.ofNullable(mlflowTrackingUri).filter(s -> !s.isBlank()));
        System.setProperty("movie-recs.log-dir", settings.logDirectory().toString());
        out.println("movie-recs: starting in " + settings.dataDirectory() + " (service logs in "
                + settings.logDirectory() + ")");
        Stack stack = Stack.start(settings, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nmovie-recs: stopping ...");
            stack.close();
            out.println("movie-recs: stopped; state kept in " + settings.dataDirectory());
            stopped.countDown();
        }, "movie-recs-shutdown"));
        if (services.contains(Services.INDEX_SERVICE)) {
            new IndexProgress(stack.url(Services.INDEX_SERVICE)).follow(() -> count(stack), out);
        }
        printWhereThingsAre(stack, out);
        stopped.await();
        return 0;
    }

    private static long count(Stack stack) {
        try {
            return stack.movies();
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the catalog's movies: " + e.getMessage(), e);
        }
    }

    private void printWhereThingsAre(Stack stack, PrintStream out) {
        CatalogDatabase catalog = stack.catalog();
        out.printf("%nmovie-recs is running. Ctrl-C stops everything (state stays in %s).%n",
                stack.settings().dataDirectory());
        if (services.contains(Services.QUERY_GATEWAY)) {
            out.printf("  web page    http://localhost:%d/%n", httpPort);
            out.printf("  API         http://localhost:%d/api/v1 (OpenAPI: /v3/api-docs), e.g."
                    + " curl 'http://localhost:%d/api/v1/search?q=a+heist+with+a+twist'%n", httpPort, httpPort);
        }
        out.printf("  catalog     %s (user movies, password movies)%n", catalog.jdbcUrl());
        out.printf("  edit rows   PGPASSWORD=movies psql -h 127.0.0.1 -p %d -U movies catalog%n", catalogPort);
        out.printf("              e.g. UPDATE movies SET title = 'Toy Story (Director''s Cut)' WHERE movie_id = 1;%n");
        out.printf("  kafka       %s (topics catalog.public.*, movie-vectors, *.dlq)%n", stack.bootstrapServers());
        out.printf("  services    catalog-cdc :%d, embedding-worker :%d, index-service :%d (Actuator under"
                + " /actuator, e.g. /actuator/health, /actuator/prometheus)%n", cdcPort, workerPort, indexPort);
        stack.settings().mlflowTrackingUri().ifPresent(uri -> out.printf("  snapshots   MLflow at %s%n", uri));
    }

    /** The repository root, where the services' jars are built: set by ./movie-recs, else the working directory. */
    static Path home() {
        return Path.of(System.getProperty("movie-recs.home", ".")).toAbsolutePath().normalize();
    }
}
