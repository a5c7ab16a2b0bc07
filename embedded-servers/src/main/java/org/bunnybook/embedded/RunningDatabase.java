package org.bunnybook.embedded;

import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.ResultTransformer;
import org.neo4j.graphdb.Transaction;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The database an embedded Neo4j runs now. Stopping and starting the server (as failure drills do) opens a new
 * database object; readers holding this one reach whichever is current, and are refused while there is none.
 */
final class RunningDatabase implements GraphDatabaseService {

    private final Supplier<GraphDatabaseService> current;

    RunningDatabase(Supplier<GraphDatabaseService> current) {
        this.current = current;
    }

    @Override
    public boolean isAvailable() {
        return current.get().isAvailable();
    }

    @Override
    public boolean isAvailable(long timeoutMillis) {
        return current.get().isAvailable(timeoutMillis);
    }

    @Override
    public Transaction beginTx() {
        return current.get().beginTx();
    }

    @Override
    public Transaction beginTx(long timeout, TimeUnit unit) {
        return current.get().beginTx(timeout, unit);
    }

    @Override
    public void executeTransactionally(String query) throws QueryExecutionException {
        current.get().executeTransactionally(query);
    }

    @Override
    public void executeTransactionally(String query, Map<String, Object> parameters) throws QueryExecutionException {
        current.get().executeTransactionally(query, parameters);
    }

    @Override
    public <T> T executeTransactionally(String query, Map<String, Object> parameters,
                                        ResultTransformer<T> resultTransformer) throws QueryExecutionException {
        return current.get().executeTransactionally(query, parameters, resultTransformer);
    }

    @Override
    public <T> T executeTransactionally(String query, Map<String, Object> parameters,
                                        ResultTransformer<T> resultTransformer, Duration timeout)
            throws QueryExecutionException {
        return current.get().executeTransactionally(query, parameters, resultTransformer, timeout);
    }

    @Override
    public String databaseName() {
        return current.get().databaseName();
    }
}
