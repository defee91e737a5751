package io.movierecs.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierecs.embedding.MiniLmEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web page in a real browser: Playwright ({@code playwright-core}, installed by {@code npm ci} in this
 * module) drives Debian's headless Chromium through {@code src/test/js/web-flows.mjs} against the gateway on
 * the real stack, then {@code index-down.mjs} once index-service is stopped (a visible banner, never "Index
 * live"). Screenshots land in {@code target/screenshots}. Fails, naming the fix, when node, the npm
 * packages or Chromium are missing ({@code ./movie-recs test} installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {

    private static final Logger log = LoggerFactory.getLogger(WebPageIT.class);

    @TempDir
    static Path dataDir;
    static Stack stack;
    static Path module;

    @BeforeAll
    static void start() throws Exception {
        module = Path.of(System.getProperty("gateway.module.dir", ".")).toAbsolutePath();
        assertThat(module.resolve("node_modules/playwright-core/package.json"))
                .as("playwright-core is not installed: run (cd query-gateway && npm ci), or ./movie-recs test").exists();
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .as("Chromium is missing: apt-get install -y chromium (./movie-recs test does)").exists();
        stack = new Stack();
        int count;
        try (MiniLmEncoder encoder = MiniLmEncoder.load()) {
            count = stack.produceSampleCatalog(encoder).size();
        }
        stack.startIndex(dataDir, count);
        stack.startGateway();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theFlowsWorkInABrowserAtDesktopAndPhoneWidth() throws Exception {
        Path shots = module.resolve("target/screenshots");
        assertThat(node("web-flows.mjs", shots)).contains("all web flows passed");
        for (String shot : new String[] {"01-home", "02-similar", "03-filtered", "04-describe", "05-recommendations",
                "06-phone"}) {
            assertThat(shots.resolve(shot + ".png")).isNotEmptyFile();
        }
    }

    @Test
    @Order(2)
    void withTheIndexDownThePageShowsABanner() throws Exception {
        stack.stopIndex();
        Path shots = module.resolve("target/screenshots");
        assertThat(node("index-down.mjs", shots)).contains("index-down page passed");
        assertThat(shots.resolve("07-index-down.png")).isNotEmptyFile();
    }

    /** Runs {@code src/test/js/<script> URL shots}; returns its output once it passed. */
    private static String node(String script, Path shots) throws Exception {
        Path output = module.resolve("target/" + script.replace(".mjs", ".log"));
        Process node = new ProcessBuilder("node", "src/test/js/" + script, stack.gatewayUrl(), shots.toString())
                .directory(module.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean done = node.waitFor(180, TimeUnit.SECONDS);
        if (!done) {
            node.destroyForcibly();
        }
        String log = read(output);
        WebPageIT.log.info("{}:\n{}", script, log);
        assertThat(done).as(script + " finished within 180 s:\n" + log).isTrue();
        assertThat(node.exitValue()).as(script + " exit code:\n" + log).isZero();
        return log;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
