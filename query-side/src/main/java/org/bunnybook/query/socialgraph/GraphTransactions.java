package org.bunnybook.query.socialgraph;

import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Where {@link GraphWrites} commits a batch: in one transaction of the graph, its statements in order, all of them or
 * none. A deadlock is thrown so that the processor knows it for one and tries the batch again (the driver's
 * {@code TransientException} with Neo4j's code, or {@code CollidedWithAnotherTransaction}); any other failure parks
 * the batch's events.
 */
interface GraphTransactions {

    void commitTogether(List<GraphStatement> statements);

    /**
     * What a batch's commit, awaited through a {@code CompletableFuture}, threw: as thrown where it ran. An
     * {@link Error} is thrown from here, ending the batch neither parked nor committed as it would where it ran.
     */
    static RuntimeException thrownBy(CompletionException failed) {
        if (failed.getCause() instanceof Error error) {
            throw error;
        }
        return failed.getCause() instanceof RuntimeException cause ? cause : failed;
    }
}
