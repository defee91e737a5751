package io.movierecs.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU used by this process over a phase of a benchmark: all of it (every thread, native ONNX Runtime threads and
 * the JVM's own included), the part spent on the worker's Kafka Streams threads (Java threads whose name contains
 * {@code StreamThread}), on all Java threads, and on the JIT compiler threads ({@code /proc/self/task}, Linux; a
 * fresh JVM still compiles through the first minutes of a run, a long-running worker no longer does). "Cores
 * used" is process CPU time divided by wall time, so "per core" figures are per core actually busy.
 */
final class CpuMeter {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long wallStart = System.nanoTime();
    private final long processStart = OS.getProcessCpuTime();
    private final long streamStart = javaThreadsCpu(true);
    private final long javaStart = javaThreadsCpu(false);
    private final long jitStart = jitCpu();

    /** What was used since this meter was made. */
    Usage stop() {
        return new Usage((System.nanoTime() - wallStart) / 1e9, (OS.getProcessCpuTime() - processStart) / 1e9,
                (javaThreadsCpu(true) - streamStart) / 1e9, (javaThreadsCpu(false) - javaStart) / 1e9,
                (jitCpu() - jitStart) / 1e9);
    }

    /** The machine's load average now. */
    static double loadAverage() {
        return OS.getSystemLoadAverage();
    }

    /** CPU nanoseconds of live Java threads, or only of the Kafka Streams threads; ended threads are lost. */
    private static long javaThreadsCpu(boolean streamThreadsOnly) {
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            String name = info == null ? "" : info.getThreadName();
            if (info != null && (!streamThreadsOnly || name.contains("StreamThread") && !name.contains("producer"))) {
                total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** CPU nanoseconds of the JIT compiler threads (named "C1/C2 CompilerThread"), or 0 without /proc. */
    private static long jitCpu() {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException ended) {
                    // the thread ended while listed
                }
            }
        } catch (IOException noProc) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /**
     * @param wallSeconds elapsed time
     * @param processCpuSeconds CPU time of the whole process
     * @param streamThreadCpuSeconds CPU time of the worker's stream threads
     * @param javaThreadCpuSeconds CPU time of all Java threads (the rest: ONNX Runtime's pool, JIT, GC)
     * @param jitCpuSeconds CPU time of the JIT compiler threads
     */
    record Usage(double wallSeconds, double processCpuSeconds, double streamThreadCpuSeconds,
            double javaThreadCpuSeconds, double jitCpuSeconds) {

        double coresUsed() {
            return processCpuSeconds / wallSeconds;
        }

        /**
         * e.g. {@code 9742 movies in 40.1 s = 243 movies/s; ... 1.62 cores used = 150 movies/s per core; without
         * the JIT compiler ...}: the rate per core with and without the compiler's CPU, then CPU per item split.
         */
        String describe(long items, String unit) {
            double perSecond = items / wallSeconds;
            double steadyCores = (processCpuSeconds - jitCpuSeconds) / wallSeconds;
            return String.format("%d %ss in %.1f s = %.0f %ss/s; process CPU %.1f s = %.2f cores used = %.0f %ss/s"
                    + " per core; without the JIT compiler's %.1f s: %.2f cores = %.0f %ss/s per core; %.2f ms CPU"
                    + " per %s: stream threads %.2f, other Java threads %.2f, JIT %.2f, rest (ONNX Runtime pool,"
                    + " GC) %.2f", items, unit, wallSeconds, perSecond, unit, processCpuSeconds, coresUsed(),
                    perSecond / coresUsed(), unit, jitCpuSeconds, steadyCores, perSecond / steadyCores, unit,
                    perItem(processCpuSeconds, items), unit, perItem(streamThreadCpuSeconds, items),
                    perItem(javaThreadCpuSeconds - streamThreadCpuSeconds, items), perItem(jitCpuSeconds, items),
                    perItem(processCpuSeconds - javaThreadCpuSeconds - jitCpuSeconds, items));
        }

        private static double perItem(double seconds, long items) {
            return seconds * 1000 / items;
        }
    }
}
