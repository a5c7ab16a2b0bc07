package org.bunnybook.web.support;

import java.util.concurrent.CountDownLatch;

/** Waiting on a latch from a task, for tests that release many requests at once. */
public final class Latches {

    private Latches() {
    }

    /** Waits until the latch opens; an interrupt is kept and fails the task. */
    public static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
