package org.bunnybook.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/** How many things a phase of a benchmark did per second, and how long each took. */
record Phase(double perSecond, Latencies latencies) {

    /**
     * Runs {@code count} workers for {@code length}, each doing its one thing again and again (closed loop: the next
     * as soon as the last is done), each time timed.
     */
    static Phase measure(int count, Duration length, IntFunction<Runnable> workerNumber) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        long deadline = System.nanoTime() + length.toNanos();
        try {
            List<CompletableFuture<Latencies>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Runnable one = workerNumber.apply(i);
                running.add(CompletableFuture.supplyAsync(() -> {
                    Latencies latencies = new Latencies(1024);
                    while (System.nanoTime() < deadline) {
                        latencies.time(one);
                    }
                    return latencies;
                }, pool));
            }
            Latencies all = Latencies.merged(running.stream().map(CompletableFuture::join).toList());
            return new Phase(all.count() / (double) length.toNanos() * 1e9, all);
        } finally {
            pool.shutdownNow();
        }
    }

    String percentiles() {
        return "%.1f / %.1f ms".formatted(latencies.percentileMillis(50), latencies.percentileMillis(99));
    }
}
