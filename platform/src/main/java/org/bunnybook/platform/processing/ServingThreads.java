package org.bunnybook.platform.processing;

import java.time.Duration;

/**
 * Marks the threads that serve members (an HTTP request, a chat frame) while they do, so that their waits for
 * PostgreSQL are bounded ({@link ProjectionConnections#getConnection()}). A PostgreSQL that stays connected but stops
 * answering (a stalled disk, a network that drops packets without closing anything) would otherwise hold each such
 * thread until the kernel gives the connection up, a quarter of an hour later, and soon every thread of the server
 * with them (RELIABILITY.md). Processors, rebuilds and migrations are not bounded this way: their statements may
 * rightly run long, and the processors' are bounded by PostgreSQL's {@code statement_timeout}.
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

    /** How long the current thread may wait for each of PostgreSQL's answers; null if it serves no member. */
    static Duration postgresWait() {
        return POSTGRES_WAIT.get();
    }
}
