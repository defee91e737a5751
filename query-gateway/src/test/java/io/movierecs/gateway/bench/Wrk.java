package io.movierecs.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's {@code wrk} with a Lua script and reads its figures. */
final class Wrk {

    record Figures(double requestsPerSecond, double p50Ms, double p99Ms, long requests, long errors, String raw) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {
    }

    static void requireInstalled() throws Exception {
        try {
            new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed: apt-get install -y wrk", e);
        }
    }

    static Figures run(String url, Path script, int threads, int connections, int seconds) throws Exception {
        Process wrk = new ProcessBuilder(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", "5s", "-s", script.toString(), url)).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        long errors = find(NON_2XX, out);
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Figures(Double.parseDouble(group(RATE, out)), percentile(out, "50"), percentile(out, "99"),
                find(TOTAL, out), errors, out);
    }

    static Path script(Path dir, String name, String lua) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, lua);
        return file;
    }

    private static double percentile(String out, String which) {
        Matcher m = Pattern.compile("\\s" + which + "%\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + which + "% latency in wrk output:\n" + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static String group(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        return m.group(1);
    }

    private static long find(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String format(String label, Figures f, double cpuMsPerRequest, String load) {
        return String.format(Locale.ROOT, "%-52s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  "
                + "JVM CPU %.2f ms/req  (load %s)", label, f.requestsPerSecond(), f.p50Ms(), f.p99Ms(), f.errors(),
                cpuMsPerRequest, load);
    }
}
