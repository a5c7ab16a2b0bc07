package org.bunnybook.query.socialgraph;

import org.bunnybook.platform.processing.CollidedWithAnotherTransaction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.api.exceptions.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A batch's transaction on the graph that runs in this JVM (the embedded stores of the README's run mode). Over Bolt,
 * a batch waited for the driver's event loop, the server's, a Bolt worker and back, twice: under live load four fifths
 * of the social graph's working time was that waiting, the statements' own work a small part of it
 * (docs/performance.md, "The social graph's writes in this JVM").
 * <p>
 * The transaction runs on a thread of this class's own, which nothing interrupts, while the committing thread (the
 * processor's, a dead-letter retry's, an admin's request) waits for it. Neo4j writes its transaction log on the
 * thread that commits, and Java closes a file channel for good when a thread writing to it is interrupted: an
 * interrupt there (an executor shutting down, Tomcat ending a request past its graceful shutdown) would leave the
 * graph refusing every commit until a restart. Neo4j's own log-writing thread avoids that too, but it polls while
 * idle and sleeps 10 ms at a time once idle for a while: a third slower replays here (docs/performance.md).
 */
final class InProcessGraphTransactions implements GraphTransactions, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessGraphTransactions.class);

    private final GraphDatabaseService database;
    private final Duration timeout;
    /** As many threads as batches commit at once (a thread each segment, a retry), kept while in use. */
    private final ExecutorService committers = Executors.newCachedThreadPool(committerThreads());

    /** @param timeout how long a batch may take before Neo4j ends it, as PostgreSQL's {@code statement_timeout} */
    InProcessGraphTransactions(GraphDatabaseService database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    /**
     * Commits on a thread of its own and waits for it, interrupted or not (an interrupt is kept for the caller to see
     * once the batch is done): the batch's outcome is known when this returns.
     */
    @Override
    public void commitTogether(List<GraphStatement> statements) {
        CompletableFuture<Void> commit;
        try {
            commit = CompletableFuture.runAsync(() -> commitHere(statements), committers);
        } catch (RejectedExecutionException closing) {
            // the application is closing: the batch is tried again, from its token, by whichever node runs next
            throw new CollidedWithAnotherTransaction(closing);
        }
        try {
            commit.join();
        } catch (CompletionException failed) {
            throw GraphTransactions.thrownBy(failed);
        }
    }

    private void commitHere(List<GraphStatement> statements) {
        try (Transaction transaction = database.beginTx(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            for (GraphStatement statement : statements) {
                try (Result result = transaction.execute(statement.cypher(), statement.parameters())) {
                    result.accept(row -> true); // a result is lazy: its statement runs as it is read
                }
            }
            transaction.commit();
        } catch (RuntimeException failed) {
            throw asCollision(failed);
        }
    }

    /** A deadlock, as the processor knows one, so that the batch is tried again; any other failure as it is. */
    static RuntimeException asCollision(RuntimeException failed) {
        return Status.Transaction.DeadlockDetected.equals(Status.statusCodeOf(failed))
                ? new CollidedWithAnotherTransaction(failed) : failed;
    }

    /** Lets the batches under way commit, without interrupting them. */
    @Override
    public void close() throws InterruptedException {
        committers.shutdown();
        if (!committers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("Batches of the social graph still committing after {}; left to finish", timeout);
        }
    }

    private static CustomizableThreadFactory committerThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("social-graph-commit-");
        threads.setDaemon(true);
        return threads;
    }
}
