package org.bunnybook.query.socialgraph;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Query;
import org.neo4j.driver.async.AsyncSession;
import org.neo4j.driver.async.ResultCursor;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A batch's transaction on a Neo4j server, over Bolt. The statements and the commit go one after the other without
 * waiting for each answer (the driver's asynchronous transaction pipelines them over the one connection), so a batch
 * costs one round trip after its {@code BEGIN} rather than one per statement. Under load each round trip was a wait
 * for two threads to be scheduled on a saturated CPU: a batch of one change took 100 to 400 ms, four fifths of it
 * waiting (docs/performance.md, "Ingest, third pass").
 */
final class BoltGraphTransactions implements GraphTransactions {

    private final Driver driver;
    private final HomeDatabase database;

    BoltGraphTransactions(Driver driver, HomeDatabase database) {
        this.driver = driver;
        this.database = database;
    }

    /**
     * Sends the statements and the commit, then waits for all of them. A failure of any leaves the transaction open,
     * and closing the session rolls it back.
     */
    @Override
    public void commitTogether(List<GraphStatement> statements) {
        AsyncSession session = driver.session(AsyncSession.class, database.sessions(AccessMode.WRITE));
        try {
            session.beginTransactionAsync().thenCompose(transaction -> {
                CompletableFuture<?>[] answers = statements.stream()
                        .map(statement -> transaction.runAsync(new Query(statement.cypher(), statement.parameters()))
                                .thenCompose(ResultCursor::consumeAsync).toCompletableFuture())
                        .toArray(CompletableFuture[]::new);
                return CompletableFuture.allOf(answers).thenCompose(answered -> transaction.commitAsync());
            }).toCompletableFuture().join();
        } catch (CompletionException failed) {
            throw GraphTransactions.thrownBy(failed);
        } finally {
            session.closeAsync().toCompletableFuture().join();
        }
    }
}
