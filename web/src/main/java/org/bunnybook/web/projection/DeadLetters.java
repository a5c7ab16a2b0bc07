package org.bunnybook.web.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.eventstore.DeadLetterRetrier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A processing group's parked events: listed from the shared queue table, retried and evicted through Axon's queue.
 * A retry claims its sequence first, so two nodes or two admins never process one sequence at once; an eviction does
 * not, and may race a retry of the same sequence (the event is then either processed or dropped, never both).
 */
@Component
class DeadLetters {

    private final EventProcessingConfiguration processing;
    private final DeadLetterRetrier retrier;
    private final JdbcClient jdbc;

    DeadLetters(EventProcessingConfiguration processing, DeadLetterRetrier retrier, JdbcClient jdbc) {
        this.processing = processing;
        this.retrier = retrier;
        this.jdbc = jdbc;
    }

    /** Parked events, oldest sequence first and in order within each sequence. */
    List<ParkedEvent> list(String group, int limit) {
        queue(group);
        return jdbc.sql("""
                        SELECT sequence_identifier, sequence_index, event_identifier, payload_type,
                               aggregate_type, aggregate_identifier, sequence_number, enqueued_at, last_touched,
                               cause_type, cause_message
                        FROM dead_letter_entry WHERE processing_group = :group
                        ORDER BY enqueued_at, sequence_identifier, sequence_index LIMIT :limit""")
                .param("group", group).param("limit", limit)
                .query((rs, row) -> new ParkedEvent(rs.getString("sequence_identifier"),
                        rs.getLong("sequence_index"), rs.getString("event_identifier"),
                        rs.getString("payload_type"), rs.getString("aggregate_type"),
                        rs.getString("aggregate_identifier"), (Long) rs.getObject("sequence_number"),
                        instant(rs.getString("enqueued_at")), instant(rs.getString("last_touched")),
                        rs.getString("cause_type"), rs.getString("cause_message")))
                .list();
    }

    /** Tries every parked sequence once. */
    RetryOutcome retryAll(String group) {
        var queue = queue(group);
        long processed = retrier.retry(group);
        return new RetryOutcome(processed, queue.amountOfSequences());
    }

    /** Tries one parked sequence, where the group runs; 404 if the group has no such sequence parked. */
    RetryOutcome retry(String group, String sequence) {
        var queue = queue(group);
        if (!queue.contains(sequence)) {
            throw ApiException.notFound();
        }
        if (!processing.eventProcessor(group).map(EventProcessor::isRunning).orElse(false)) {
            return new RetryOutcome(0, queue.amountOfSequences()); // stopped for a rebuild, which replays it
        }
        boolean processed = processing.sequencedDeadLetterProcessor(group).orElseThrow()
                .process(letter -> letter instanceof JdbcDeadLetter<?> jdbcLetter
                        && sequence.equals(jdbcLetter.getSequenceIdentifier()));
        return new RetryOutcome(processed ? 1 : 0, queue.amountOfSequences());
    }

    /** Gives up on a parked sequence: its events will never reach the read model (a rebuild would replay them). */
    void evict(String group, String sequence) {
        var queue = queue(group);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence(sequence).forEach(letters::add);
        if (letters.isEmpty()) {
            throw ApiException.notFound();
        }
        letters.forEach(queue::evict);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(ApiException::notFound);
    }

    private static Instant instant(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }

    /** One parked event, with why its projection failed on it. */
    record ParkedEvent(String sequence, long index, String eventId, String type, String aggregateType,
                       String aggregateId, Long aggregateSequence, Instant enqueuedAt, Instant lastTouched,
                       String causeType, String causeMessage) {
    }

    /** How many sequences a retry processed, and how many remain parked. */
    record RetryOutcome(long processed, long remainingSequences) {
    }
}
