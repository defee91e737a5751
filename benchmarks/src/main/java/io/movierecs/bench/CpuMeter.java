package io.movierecs.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU used by this process over a phase of a benchmark: all of it (every thread, native ONNX Runtime threads and
 * the JVM's own included) and the part of it spent on the worker's Kafka Streams threads (Java threads whose
 * name contains {@code StreamThread}; ONNX Runtime's own pool threads are native and show only in the total).
 * "Cores used" is process CPU time divided by wall time, so "per core" figures are per core actually busy.
 */
final class CpuMeter {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long wallStart = System.nanoTime();
    private final long processStart = OS.getProcessCpuTime();
    private final long streamStart = javaThreadsCpu(true);
    private final long javaStart = javaThreadsCpu(false);

    /** What was used since this meter was made. */
    Usage stop() {
        return new Usage((System.nanoTime() - wallStart) / 1e9, (OS.getProcessCpuTime() - processStart) / 1e9,
                (javaThreadsCpu(true) - streamStart) / 1e9, (javaThreadsCpu(false) - javaStart) / 1e9);
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

    /**
     * @param wallSeconds elapsed time
     * @param processCpuSeconds CPU time of the whole process
     * @param streamThreadCpuSeconds CPU time of the worker's stream threads
     * @param javaThreadCpuSeconds CPU time of all Java threads (the rest: ONNX Runtime's pool, JIT, GC)
     */
    record Usage(double wallSeconds, double processCpuSeconds, double streamThreadCpuSeconds,
            double javaThreadCpuSeconds) {

        double coresUsed() {
            return processCpuSeconds / wallSeconds;
        }

        /** e.g. {@code 9742 movies in 40.1 s = 243 movies/s; 1.62 cores used = 150 movies/s per core ...}. */
        String describe(long items, String unit) {
            double perSecond = items / wallSeconds;
            return String.format("%d %ss in %.1f s = %.0f %ss/s; process CPU %.1f s = %.2f cores used = %.0f %ss/s"
                    + " per core; %.2f ms CPU per %s: stream threads %.2f, other Java threads %.2f, native"
                    + " (ONNX Runtime pool, JIT, GC) %.2f", items, unit, wallSeconds, perSecond, unit,
                    processCpuSeconds, coresUsed(), perSecond / coresUsed(), unit,
                    perItem(processCpuSeconds, items), unit, perItem(streamThreadCpuSeconds, items),
                    perItem(javaThreadCpuSeconds - streamThreadCpuSeconds, items),
                    perItem(processCpuSeconds - javaThreadCpuSeconds, items));
        }

        private static double perItem(double seconds, long items) {
            return seconds * 1000 / items;
        }
    }
}
