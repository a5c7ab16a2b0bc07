package org.bunnybook.query.socialgraph;

import java.util.List;

/**
 * Where {@link GraphWrites} commits a batch: in one transaction of the graph, its statements in order, all of them or
 * none. A failure is thrown as the Neo4j driver's exceptions name it, however the graph was reached (a deadlock is a
 * {@code TransientException} with Neo4j's code, which the processor tries again).
 */
interface GraphTransactions {

    void commitTogether(List<GraphStatement> statements);
}
