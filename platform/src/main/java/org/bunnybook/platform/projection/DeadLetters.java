package org.bunnybook.platform.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.bunnybook.platform.NotFound;
import org.bunnybook.platform.processing.DeadLetterRetrier;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * A processing group's parked events: listed from the shared queue table, retried and evicted through Axon's queue.
 * A retry claims its sequence first, so two nodes or two admins never process one sequence at once; an eviction does
 * not, and may race a retry of the same sequence (the event is then either processed or dropped, never both).
 */
@Component
public class DeadLetters {

    private final EventProcessingConfiguration processing;
    private final DeadLetterRetrier retrier;
    private final EventStoreTables tables;

    DeadLetters(EventProcessingConfiguration processing, DeadLetterRetrier retrier, EventStoreTables tables) {
        this.processing = processing;
        this.retrier = retrier;
        this.tables = tables;
    }

    /** Parked events, oldest sequence first and in order within each sequence. */
    public List<ParkedEvent> list(String group, int limit) {
        queue(group);
        return tables.parked(group, limit).stream()
                .map(row -> new ParkedEvent(row.sequence(), row.index(), row.eventId(), row.type(),
                        row.aggregateType(), row.aggregateId(), row.aggregateSequence(), instant(row.enqueuedAt()),
                        instant(row.lastTouched()), row.causeType(), row.causeMessage()))
                .toList();
    }

    /** Tries every parked sequence once. */
    public RetryOutcome retryAll(String group) {
        var queue = queue(group);
        long processed = retrier.retry(group);
        return new RetryOutcome(processed, queue.amountOfSequences());
    }

    /** Tries one parked sequence, where the group runs; 404 if the group has no such sequence parked. */
    public RetryOutcome retry(String group, String sequence) {
        var queue = queue(group);
        if (!queue.contains(sequence)) {
            throw parkedSequence(group, sequence);
        }
        if (!processing.eventProcessor(group).map(EventProcessor::isRunning).orElse(false)) {
            return new RetryOutcome(0, queue.amountOfSequences()); // stopped for a rebuild, which replays it
        }
        boolean processed = processing.sequencedDeadLetterProcessor(group).orElseThrow()
                .process(letter -> letter instanceof JdbcDeadLetter<?> jdbcLetter
                        && sequence.equals(jdbcLetter.getSequenceIdentifier()));
        return new RetryOutcome(processed ? 1 : 0, queue.amountOfSequences());
    }

    /**
     * Gives up on a parked sequence: its events will never reach the read model (a rebuild would replay them).
     * Evicted page by page as they are read: a sequence parked through a long outage may hold more letters than fit in
     * memory. (Axon pages a sequence by letter index, so evicting as it goes also spares its overlapping pages.)
     */
    public void evict(String group, String sequence) {
        var queue = queue(group);
        if (!queue.contains(sequence)) {
            throw parkedSequence(group, sequence);
        }
        queue.deadLetterSequence(sequence).forEach(queue::evict);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(() -> ProjectionRebuilds.unknown(group));
    }

    private static NotFound parkedSequence(String group, String sequence) {
        return new NotFound("sequence " + sequence + " parked in " + group);
    }

    private static Instant instant(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }

    /** One parked event, with why its projection failed on it. */
    public record ParkedEvent(String sequence, long index, String eventId, String type, String aggregateType,
                       String aggregateId, Long aggregateSequence, Instant enqueuedAt, Instant lastTouched,
                       String causeType, String causeMessage) {
    }

    /** How many sequences a retry processed, and how many remain parked. */
    public record RetryOutcome(long processed, long remainingSequences) {
    }
}
