package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bunnybook.platform.eventstore.EventStoreTables;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A processor's dead-letter queue that answers "is this event's sequence parked?" from one query per batch instead of
 * one per event. Axon's dead-lettering invoker asks it before every event it hands to a handler; asked of the JDBC
 * queue that is a round trip per event, a large share of a replay's time although the queue is almost always empty.
 * <p>
 * The first question in a processor's batch loads its parked sequences into the batch's unit of work; what
 * the batch parks itself is added as it goes. Sequences parked meanwhile by another node cannot belong to this batch
 * (a segment, and so each of its sequences, is processed by one node at a time), and a sequence the retrier releases
 * meanwhile is asked about once more, of the queue itself, before an event is parked behind it. Outside a
 * processor's batch (retries, the admin API) every call goes to the queue.
 */
final class ParkedSequencesPerBatch implements SequencedDeadLetterQueue<EventMessage<?>> {

    private final SequencedDeadLetterQueue<EventMessage<?>> queue;
    private final String processor;
    private final EventStoreTables tables;
    private final String resourceKey;

    ParkedSequencesPerBatch(SequencedDeadLetterQueue<EventMessage<?>> queue, String processor,
                            EventStoreTables tables) {
        this.queue = queue;
        this.processor = processor;
        this.tables = tables;
        this.resourceKey = ParkedSequencesPerBatch.class.getName() + "/" + processor;
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier,
                                    Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        Set<String> parked = parkedInThisBatch();
        if (parked != null && !parked.contains(named(sequenceIdentifier))) {
            return false;
        }
        return queue.enqueueIfPresent(sequenceIdentifier, letterBuilder);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        Set<String> parked = parkedInThisBatch();
        if (parked != null && !parked.contains(named(sequenceIdentifier))) {
            return false;
        }
        return queue.contains(sequenceIdentifier);
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        queue.enqueue(sequenceIdentifier, letter);
        Set<String> parked = parkedInThisBatch();
        if (parked != null) {
            parked.add(named(sequenceIdentifier));
        }
    }

    /** The sequences parked as this processor batch sees them, or null outside one. */
    private Set<String> parkedInThisBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?>)) {
            return null;
        }
        return unitOfWork.getOrComputeResource(resourceKey, key -> tables.parkedSequences(processor));
    }

    /** How the JDBC queue stores a sequence identifier. */
    private static String named(Object sequenceIdentifier) {
        return sequenceIdentifier instanceof String name ? name : Integer.toString(sequenceIdentifier.hashCode());
    }

    // --- the rest is the queue's own ---

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        queue.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> update) {
        queue.requeue(letter, update);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return queue.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return queue.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return queue.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return queue.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return queue.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return queue.process(sequenceFilter, task);
    }

    @Override
    public boolean process(Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        return queue.process(task);
    }

    @Override
    public void clear() {
        queue.clear();
    }
}
