package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;

/**
 * Axon's JDBC dead-letter queue, never full. Axon's queue holds at most 1,024 sequences, and 1,024 events a sequence;
 * beyond that it throws {@code DeadLetterQueueOverflowException} out of the event handler, and the processor aborts the
 * batch and tries it again, with a longer pause each time (up to a minute), for as long as the store stays away: a
 * Redis or Neo4j outage of a few minutes under load would halt the group, where it should park its events and heal.
 * <p>
 * The bound protects memory in an in-memory queue; this one is a table in PostgreSQL, which holds any number of
 * parked events, and nothing reads a whole queue at once (retries claim one sequence at a time, listings are paged).
 * Answering "not full" without asking also spares two counts on every parked event, one of them over the whole queue.
 * Every event put in it is counted for {@link ParkedHere} (a letter only moved back by a failed retry is not new).
 */
class UnboundedDeadLetterQueue extends JdbcSequencedDeadLetterQueue<EventMessage<?>> {

    private final Runnable onParked;

    UnboundedDeadLetterQueue(Builder<EventMessage<?>> configured, Runnable onParked) {
        super(configured);
        this.onParked = onParked;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        onParked.run(); // before: counted even if this throws, for a waiter had better ask than miss it
        super.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return false;
    }
}
