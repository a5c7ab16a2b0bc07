package org.bunnybook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** Seeding a benchmark's network: commands sent with a bounded number in flight, as busy clients would. */
final class InFlight {

    private static final int AT_ONCE = 32;

    private InFlight() {
    }

    /** Runs the commands with at most 32 in flight, and fails if any does. */
    static void inParallel(int count, Function<Integer, CompletableFuture<?>> command) {
        Semaphore inFlight = new Semaphore(AT_ONCE);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquireUninterruptibly();
            sent.add(command.apply(i).whenComplete((result, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }
}
