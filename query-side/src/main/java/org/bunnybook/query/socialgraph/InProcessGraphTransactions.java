package org.bunnybook.query.socialgraph;

import org.bunnybook.platform.processing.CollidedWithAnotherTransaction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.api.exceptions.Status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A batch's transaction on the graph that runs in this JVM (the embedded stores of the README's run mode), on the
 * committing thread (the processor's, a dead-letter retry's). Over Bolt, a batch waited for the driver's event loop, the server's, a Bolt worker and back,
 * twice: under live load four fifths of the social graph's working time was that waiting, the statements' own work a
 * small part of it (docs/performance.md, "The social graph's writes in this JVM").
 */
final class InProcessGraphTransactions implements GraphTransactions {

    private final GraphDatabaseService database;
    private final Duration timeout;

    /** @param timeout how long a batch may take before Neo4j ends it, as PostgreSQL's {@code statement_timeout} */
    InProcessGraphTransactions(GraphDatabaseService database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    @Override
    public void commitTogether(List<GraphStatement> statements) {
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
}
