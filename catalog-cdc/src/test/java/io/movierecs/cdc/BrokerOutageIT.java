package io.movierecs.cdc;

import static io.movierecs.cdc.CdcTestSupport.health;
import static io.movierecs.cdc.CdcTestSupport.publishErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movierecs.catalog.db.CatalogMigrations;
import io.movierecs.catalog.db.EmbeddedCatalog;
import io.movierecs.cdc.ChangeLog.Change;
import io.movierecs.events.Topics;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * catalog-cdc while its Kafka broker (a child process, same port and log directory throughout) is down before
 * start-up, stopped, or frozen: readiness goes OUT_OF_SERVICE after the grace while liveness stays UP, and once
 * the broker is back every change committed meanwhile arrives and readiness is UP again. The tests run in order
 * on one database, one broker and one catalog-cdc.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerOutageIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutageIT.class);
    private static final Duration FAULT = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    static EmbeddedCatalog catalog;
    static BrokerProcess broker;
    static ChangeLog changes;
    static ConfigurableApplicationContext app;

    @BeforeAll
    static void startCatalog() throws Exception {
        catalog = EmbeddedCatalog.start(dataDir.resolve("pg"), CdcTestSupport.freePort());
        CatalogMigrations.migrate(catalog.database());
        broker = new BrokerProcess(dataDir.resolve("kafka"), CdcTestSupport.freePort());
    }

    @AfterAll
    static void stopAll() {
        for (AutoCloseable closeable : new AutoCloseable[] {app, changes, broker, catalog}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                log.warn("closing {} failed", closeable, e);
            }
        }
    }

    @Test
    @Order(1)
    void startsWithTheBrokerDownAndBecomesReadyWhenItComes() throws Exception {
        long began = System.nanoTime();
        app = CdcTestSupport.startApp(List.of("--server.port=0", "--catalog-cdc.database.port=" + catalog.port(),
                "--catalog-cdc.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--catalog-cdc.kafka.publish-timeout-ms=2000", "--catalog-cdc.topics.partitions=2",
                "--catalog-cdc.offsets.flush-interval-ms=200", "--catalog-cdc.health.stall-grace-ms=3000",
                "--catalog-cdc.health.check-interval-ms=500", "--catalog-cdc.retry.max-ms=2000"));
        log.info("started with the broker down in {} ms", (System.nanoTime() - began) / 1_000_000);

        assertThat(health(app, "readiness")).isEqualTo(503);
        assertThat(health(app, "liveness")).isEqualTo(200);
        assertThat(CdcTestSupport.get(app, "/actuator/health/readiness").body()).contains("OUT_OF_SERVICE");

        broker.start();
        long up = System.nanoTime();
        await().atMost(FAULT).until(() -> health(app, "readiness") == 200);
        log.info("ready {} ms after the broker came", (System.nanoTime() - up) / 1_000_000);
        changes = new ChangeLog(broker.bootstrapServers(),
                Topics.catalog("catalog", "public").values().stream().map(t -> t.name()).toList());
        insert(8000001, "first");
        changes.awaitChanges(0, c -> c.isTable("movies") && c.after().path("title").asString().equals("first"), 1);
    }

    @Test
    @Order(2)
    void brokerStoppedLongerThanThePublishTimeoutLosesNoChange() throws Exception {
        int mark = changes.size();
        double errors = publishErrors(app);
        broker.stop();
        long down = System.nanoTime();
        insert(8000002, "during stop 1");
        await().atMost(FAULT).until(() -> health(app, "readiness") == 503);
        assertThat(health(app, "liveness")).isEqualTo(200);
        insert(8000003, "during stop 2");
        update(8000001, "first, changed while stopped");
        // at least two attempts ran into the publish timeout (2 s) before the broker comes back
        await().atMost(FAULT).until(() -> publishErrors(app) >= errors + 2);
        assertThat(health(app, "liveness")).isEqualTo(200);

        broker.start();
        log.info("broker stopped for {} ms", (System.nanoTime() - down) / 1_000_000);
        long up = System.nanoTime();
        assertArrive(mark, "during stop 1", "during stop 2", "first, changed while stopped");
        log.info("all changes arrived {} ms after the broker came back", (System.nanoTime() - up) / 1_000_000);
        await().atMost(FAULT).until(() -> health(app, "readiness") == 200);
    }

    @Test
    @Order(3)
    void brokerFrozenLongerThanThePublishTimeoutLosesNoChange() throws Exception {
        int mark = changes.size();
        double errors = publishErrors(app);
        broker.freeze();
        long frozen = System.nanoTime();
        insert(8000004, "during freeze 1");
        await().atMost(FAULT).until(() -> health(app, "readiness") == 503);
        assertThat(health(app, "liveness")).isEqualTo(200);
        update(8000004, "during freeze 2");
        await().atMost(FAULT).until(() -> publishErrors(app) >= errors + 2);
        assertThat(health(app, "liveness")).isEqualTo(200);

        broker.thaw();
        log.info("broker frozen for {} ms", (System.nanoTime() - frozen) / 1_000_000);
        long thawed = System.nanoTime();
        assertArrive(mark, "during freeze 1", "during freeze 2");
        log.info("all changes arrived {} ms after the broker thawed", (System.nanoTime() - thawed) / 1_000_000);
        await().atMost(FAULT).until(() -> health(app, "readiness") == 200);
    }

    private static void assertArrive(int mark, String... titles) {
        List<Change> arrived = changes.awaitTitles(mark, List.of(titles));
        assertThat(arrived).extracting(c -> c.after().path("title").asString()).contains(titles);
    }

    private static void insert(long id, String title) throws SQLException {
        CdcTestSupport.sql(catalog, "INSERT INTO movies (movie_id, title, release_year, genres) VALUES (" + id
                + ", '" + title + "', 2000, 'Drama')");
    }

    private static void update(long id, String title) throws SQLException {
        CdcTestSupport.sql(catalog, "UPDATE movies SET title = '" + title + "' WHERE movie_id = " + id);
    }
}
