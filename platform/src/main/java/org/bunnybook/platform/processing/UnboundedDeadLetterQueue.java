package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;

/**
 * Axon's JDBC dead-letter queue, never full. Axon's queue holds at most 1,024 sequences, and 1,024 events a sequence;
 * beyond that it throws {@code DeadLetterQueueOverflowException} out of the event handler, and the processor aborts the
 * batch and tries it again, with a longer pause each time (up to a minute), for as long as the store stays away: a
 * Redis or Neo4j outage of a few minutes under load would halt the group, where it should park its events and heal.
 * <p>
 * The bound protects memory in an in-memory queue; this one is a table in PostgreSQL, which holds any number of
 * parked events, and nothing reads a whole queue at once (retries claim one sequence at a time, listings are paged).
 * Answering "not full" without asking also spares two counts on every parked event, one of them over the whole queue.
 */
class UnboundedDeadLetterQueue extends JdbcSequencedDeadLetterQueue<EventMessage<?>> {

    UnboundedDeadLetterQueue(Builder<EventMessage<?>> configured) {
        super(configured);
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return false;
    }
}
