package org.bunnybook.platform.processing;

import java.time.Duration;

/**
 * Marks the threads that serve members (an HTTP request, a chat frame) while they do, so that their waits for
 * PostgreSQL are bounded ({@link ProjectionConnections#getConnection()}). A PostgreSQL that keeps its connections open
 * but stops answering (a stalled disk, a network dropping packets) would otherwise hold each such thread for as long
 * as the kernel keeps the connection, which for a server whose kernel still acknowledges is for ever, and soon every
 * thread of the server with them (RELIABILITY.md). Processors, scheduled work and migrations are not bounded this
 * way: their statements may rightly run long.
 */
public final class ServingThreads {

    private static final ThreadLocal<Duration> POSTGRES_WAIT = new ThreadLocal<>();

    private ServingThreads() {
    }

    /** The current thread serves a member from now on, waiting at most {@code postgresWait} for each answer. */
    public static void begin(Duration postgresWait) {
        POSTGRES_WAIT.set(postgresWait);
    }

    /** The current thread has served its member. */
    public static void end() {
        POSTGRES_WAIT.remove();
    }

    /**
     * {@code work} bounded as the current thread is, to run on another thread that does it for the same member (a
     * command sent again after it lost a race); as it is if the current thread serves no member.
     */
    public static Runnable boundAsThisThread(Runnable work) {
        Duration wait = POSTGRES_WAIT.get();
        if (wait == null) {
            return work;
        }
        return () -> {
            Duration before = POSTGRES_WAIT.get();
            begin(wait);
            try {
                work.run();
            } finally {
                if (before == null) {
                    end();
                } else {
                    begin(before);
                }
            }
        };
    }

    /** How long the current thread may wait for each of PostgreSQL's answers; null if it serves no member. */
    public static Duration postgresWait() {
        return POSTGRES_WAIT.get();
    }
}
