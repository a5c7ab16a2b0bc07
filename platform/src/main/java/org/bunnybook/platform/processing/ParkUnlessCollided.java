package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.neo4j.driver.exceptions.Neo4jException;

import java.sql.SQLException;

/**
 * Parks an event its projection failed on, unless the failure was a collision with another transaction (PostgreSQL's
 * class 40: deadlock detected, serialization failure; a deadlock in Neo4j), such as two segments updating the same
 * rows in opposite orders. Such a failure is thrown on instead: the whole batch rolls back, releasing every lock it held, and the
 * processor tries the batch again. Parking it would turn a passing clash into a gap in the read model until the next
 * retry round, and retrying the one event inside the batch would meet the same locks again. An event that failed
 * outside a savepoint is not parked yet either ({@link SavepointOnRetry}): its batch is tried again first.
 */
class ParkUnlessCollided implements EnqueuePolicy<EventMessage<?>> {

    private static final String DEADLOCK_IN_NEO4J = "Neo.TransientError.Transaction.DeadlockDetected";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (collided(cause)) {
            throw new CollidedWithAnotherTransaction(cause);
        }
        for (Throwable failure = cause; failure != null; failure = failure.getCause()) {
            if (failure instanceof SavepointOnRetry.RetryInSavepoint retry) {
                throw retry; // the batch rolls back and is tried again with this event in a savepoint, parked then
            }
        }
        return Decisions.enqueue(cause);
    }

    static boolean collided(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CollidedWithAnotherTransaction) {
                return true; // a projection said so: a deadlock in the graph of this JVM, for one
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
            if (cause instanceof Neo4jException neo4j && DEADLOCK_IN_NEO4J.equals(neo4j.code())) {
                return true; // over Bolt: two segments merging the same nodes in opposite orders, as PostgreSQL's 40P01
            }
        }
        return false;
    }
}
