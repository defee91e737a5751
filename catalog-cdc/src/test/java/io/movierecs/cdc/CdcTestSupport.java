package io.movierecs.cdc;

import io.movierecs.catalog.db.EmbeddedCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

final class CdcTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CdcTestSupport() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A catalog whose PostgreSQL runs with wal_level=replica, to check the fail-fast message. */
    static EmbeddedCatalog startWithoutLogicalDecoding(Path dir) throws IOException {
        return EmbeddedCatalog.start(dir, freePort(), "replica");
    }

    /** The test class path (failsafe passes it to the forked JVM), for child processes. */
    static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    }

    /** Starts catalog-cdc with {@code defaults}, each replaced by an override of the same key. */
    static ConfigurableApplicationContext startApp(List<String> defaults, String... overrides) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : defaults) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        for (String arg : overrides) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        return new SpringApplicationBuilder(CatalogCdcApplication.class).run(args.values().toArray(String[]::new));
    }

    static void sql(EmbeddedCatalog catalog, String... statements) throws SQLException {
        try (Connection connection = catalog.database().connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The HTTP status of a health group ({@code readiness}, {@code liveness}) or of {@code ""} (all). */
    static int health(ConfigurableApplicationContext app, String group) throws IOException, InterruptedException {
        return get(app, "/actuator/health" + (group.isEmpty() ? "" : "/" + group)).statusCode();
    }

    static HttpResponse<String> get(ConfigurableApplicationContext app, String path)
            throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path;
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** How many publish attempts Kafka did not acknowledge so far. */
    static double publishErrors(ConfigurableApplicationContext app) {
        return app.getBean(io.micrometer.core.instrument.MeterRegistry.class).counter("catalog.cdc.errors").count();
    }
}
