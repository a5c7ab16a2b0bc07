package org.bunnybook.platform.command;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bunnybook.platform.processing.ServingThreads;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a command again when it lost a race for its aggregate to another node (both appended at one sequence
 * number, or both created it), so the aggregate decides once more on its new state, or when PostgreSQL rolled its
 * transaction back for colliding with another one (a deadlock, a serialization failure; two transactions
 * making two new members' first keys in opposite orders, docs/privacy.md), which nothing of it outlived. Any other
 * failure is the aggregate's answer and stands. (Axon's interval scheduler judges each cause on its own, so a wrapped
 * SQL error would stop its retry.)
 */
class RetryLostRaces implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(RetryLostRaces.class);
    private static final int MAX_RETRIES = 3;
    private static final long INTERVAL_MILLIS = 20;
    /**
     * PostgreSQL's deadlock detected and serialization failure: the transaction was rolled back, nothing of it stays.
     * Not the rest of their class 40: a statement whose completion is unknown (40003) may have committed.
     */
    private static final Set<String> COLLISIONS = Set.of("40P01", "40001");

    /**
     * Commands sent again for a member's request or chat frame, and the others (a process's, staff's): apart, so that
     * one of the others, which waits for a stalled PostgreSQL as long as it takes, holds up no member's.
     */
    private final ScheduledExecutorService forMembers = retryThread("command-retry-for-members");
    private final ScheduledExecutorService forTheRest = retryThread("command-retry");

    private static ScheduledExecutorService retryThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!lostARace(lastFailure) || failures.size() > MAX_RETRIES
                || CurrentUnitOfWork.isStarted() && collided(lastFailure)) {
            // a collision rolled back the sender's transaction too (a process sending from a processor's batch):
            // the batch is tried again whole, its command with it; sent again alone, it would be sent twice
            return false;
        }
        log.info("{} lost a race for its aggregate or collided with another transaction ({}); sending it again",
                commandMessage.getCommandName(), lastFailure.getMessage());
        // sent again for the same request or chat frame, and bounded as its thread is (ServingThreads)
        (ServingThreads.postgresWait() != null ? forMembers : forTheRest).schedule(
                ServingThreads.boundAsThisThread(commandDispatch), INTERVAL_MILLIS * failures.size(),
                TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return collided(failure);
    }

    /** Rolled back whole by PostgreSQL: sent again, the command decides on what committed meanwhile. */
    private static boolean collided(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && COLLISIONS.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
