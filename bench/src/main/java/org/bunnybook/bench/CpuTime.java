package org.bunnybook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * CPU time spent so far by this JVM (the application, and the benchmark, which waits while a load tool runs), by the
 * embedded Redis server it started, and by the whole machine (the load tool, PostgreSQL and the kernel's network work
 * included), in nanoseconds; -1 where this system does not tell (the machine's figure is Linux's {@code /proc/stat}).
 * Taken around a measured run and divided by its requests, it says what one request cost and where, without a
 * profiler, whose own cost falls unevenly on reads that switch threads more (docs/performance.md, "The home feed's
 * ratio, looked at from outside the JVM").
 */
record CpuTime(long applicationNanos, long redisNanos, long machineNanos) {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Linux counts {@code /proc/stat} in ticks of USER_HZ: 100 a second on x86 and ARM ({@code getconf CLK_TCK}). */
    private static final long NANOS_A_TICK = 10_000_000;

    static CpuTime now() {
        return new CpuTime(application(), redis(), machine());
    }

    /**
     * What was spent between {@code earlier} and this, -1 where either is unknown or the count went back (a process
     * counted then that is not now).
     */
    CpuTime since(CpuTime earlier) {
        return new CpuTime(difference(applicationNanos, earlier.applicationNanos),
                difference(redisNanos, earlier.redisNanos), difference(machineNanos, earlier.machineNanos));
    }

    private static long difference(long later, long earlier) {
        return later < 0 || earlier < 0 || later < earlier ? -1 : later - earlier;
    }

    private static long application() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The server the embedded library started, a child of this JVM (not its own children, which save to disk). */
    private static long redis() {
        List<Duration> spent = ProcessHandle.current().children()
                .filter(process -> process.info().command().filter(command -> command.contains("redis-server"))
                        .isPresent())
                .flatMap(process -> process.info().totalCpuDuration().stream())
                .toList();
        return spent.isEmpty() ? -1 : spent.stream().mapToLong(Duration::toNanos).sum();
    }

    /** Busy ticks of all CPUs: user, nice, system, irq, softirq and steal (idle and iowait are not). */
    private static long machine() {
        try {
            String[] ticks = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[]{1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(ticks[field]);
            }
            return busy * NANOS_A_TICK;
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }
}
