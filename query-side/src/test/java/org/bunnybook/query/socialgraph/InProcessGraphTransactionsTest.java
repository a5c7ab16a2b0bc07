package org.bunnybook.query.socialgraph;

import org.bunnybook.platform.processing.CollidedWithAnotherTransaction;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.DatabaseShutdownException;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.kernel.DeadlockDetectedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deadlock in the graph of this JVM reaches the processor as a collision, so that it tries the batch again, as a
 * deadlock over Bolt does; an outage does not, so the batch's events are parked until the graph is back.
 */
class InProcessGraphTransactionsTest {

    @Test
    void aDeadlockIsACollisionHoweverNeo4jWrapsIt() {
        DeadlockDetectedException deadlock = new DeadlockDetectedException("two batches, opposite orders");
        assertThat(InProcessGraphTransactions.asCollision(deadlock))
                .isInstanceOf(CollidedWithAnotherTransaction.class).hasCause(deadlock);
        QueryExecutionException inCypher = new QueryExecutionException("deadlock", deadlock,
                "Neo.TransientError.Transaction.DeadlockDetected");
        assertThat(InProcessGraphTransactions.asCollision(inCypher))
                .isInstanceOf(CollidedWithAnotherTransaction.class).hasCause(inCypher);
    }

    @Test
    void aGraphThatIsAwayIsNoCollision() {
        DatabaseShutdownException away = new DatabaseShutdownException();
        assertThat(InProcessGraphTransactions.asCollision(away)).isSameAs(away);
    }
}
