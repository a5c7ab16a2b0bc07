package org.bunnybook.query.socialgraph;

import java.util.List;

/**
 * Where {@link GraphWrites} commits a batch: in one transaction of the graph, its statements in order, all of them or
 * none. A deadlock is thrown so that the processor knows it for one and tries the batch again (the driver's
 * {@code TransientException} with Neo4j's code, or {@code CollidedWithAnotherTransaction}); any other failure parks
 * the batch's events.
 */
interface GraphTransactions {

    void commitTogether(List<GraphStatement> statements);
}
