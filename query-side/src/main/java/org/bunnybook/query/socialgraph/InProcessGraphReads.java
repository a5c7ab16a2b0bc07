package org.bunnybook.query.socialgraph;

import org.neo4j.dbms.api.DatabaseNotFoundException;
import org.neo4j.graphdb.DatabaseShutdownException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransactionTerminatedException;
import org.neo4j.kernel.api.exceptions.Status;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads of the graph that runs in this JVM (the embedded stores of the README's run mode), in a transaction of the
 * calling thread, without Bolt. Over Bolt even the cheapest question crosses four threads (the driver's event loop,
 * the server's, a Bolt worker and back) and costs more than PostgreSQL's whole answer to mutual friends
 * (docs/performance.md). The transaction is never committed: closing it rolls back, so a read cannot change the graph.
 * The count of swaps is read in the question's own transaction (each read in it sees what is committed at the time),
 * which costs a record read rather than a transaction more.
 */
final class InProcessGraphReads extends GraphReads {

    private static final String TIMED_OUT = "Neo.ClientError.Transaction.TransactionTimedOut";

    private final GraphDatabaseService database;
    private final GraphSwaps.InThisJvm swaps = new GraphSwaps.InThisJvm();

    InProcessGraphReads(GraphDatabaseService database, Duration timeout, Clock clock) {
        super(timeout, clock);
        this.database = database;
    }

    @Override
    boolean inThisJvm() {
        return true;
    }

    @Override
    <T> List<T> read(String cypher, Map<String, Object> parameters, Duration limit,
                     Function<GraphRow, T> mapping) {
        return inTransaction(limit, transaction -> whole(limit, () -> swaps.count(transaction, now()), () -> {
            try (Result result = transaction.execute(cypher, parameters)) {
                List<T> rows = new ArrayList<>();
                while (result.hasNext()) {
                    rows.add(mapping.apply(new GraphRow(result.next())));
                }
                return rows;
            }
        }));
    }

    @Override
    <T> Optional<T> walkInThisJvm(Duration limit, Function<Transaction, T> walk) {
        return Optional.of(inTransaction(limit, transaction ->
                whole(limit, () -> swaps.count(transaction, now()), () -> walk.apply(transaction))));
    }

    private <T> T inTransaction(Duration limit, Function<Transaction, T> work) {
        long started = System.nanoTime();
        try (Transaction transaction = database.beginTx(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return work.apply(transaction);
        } catch (DatabaseShutdownException | DatabaseNotFoundException e) {
            throw new DataAccessResourceFailureException("the social graph is unavailable", e);
        } catch (RuntimeException e) {
            Status status = Status.statusCodeOf(e);
            // Neo4j ended the transaction for running past its limit; the code names that timeout, unless the step
            // it ended was taking a lock, which says only that it was terminated: then the time spent tells
            boolean timedOut = status != null && status.code().serialize().startsWith(TIMED_OUT)
                    || e instanceof TransactionTerminatedException && System.nanoTime() - started >= limit.toNanos();
            if (timedOut) {
                throw new QueryTimeoutException("the social graph took longer than " + limit, e);
            }
            if (status != null && status.code().classification() == Status.Classification.TransientError) {
                throw new DataAccessResourceFailureException("the social graph is unavailable", e);
            }
            throw e;
        }
    }
}
