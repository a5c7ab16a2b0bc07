package org.bunnybook.query.ledger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.Fingerprints;
import org.bunnybook.platform.eventstore.StoredEvent;
import org.bunnybook.platform.processing.BatchBuffers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chains every event, as stored, into a SHA-256 hash chain, one event after the other on a single segment (a chain
 * has one order), and seals a signed checkpoint ({@link LedgerCheckpoints}) every so many events. It reads the stored
 * row rather than the event it is handed, which may have been upcast: the chain vouches for bytes, not for their
 * meaning. Entries commit with the token, so each event is chained exactly once.
 * <p>
 * A processor's batch is chained at once ({@link BatchBuffers}): the handler only notes the event, and just before the
 * batch commits, in its transaction, the batch's stored rows are read in one query, the last link once, the chain is
 * computed in memory in handling order, and the entries are written in one statement, checkpoints after them. Event by
 * event this took three round trips each, and the ledger was the first group to fall behind under load (7 % of the
 * JVM's CPU at 100 commands/s, 19 s behind at 250/s). Outside a batch each event is chained alone, as before.
 * <p>
 * Never replayed: chaining again would vouch for whatever the events have become. It has no dead-letter queue either
 * ({@link LedgerOrder}): an event it cannot chain stops the chain, and is retried, rather than being
 * left out of it.
 */
@Component
@ProcessingGroup(ReadModels.LEDGER)
@DisallowReplay
class LedgerProjection {

    private final JdbcClient jdbc;
    private final EventStoreTables tables;
    private final LedgerCheckpoints checkpoints;
    private final int checkpointInterval;
    private final BatchBuffers.Buffer<String> toChain;

    LedgerProjection(JdbcClient jdbc, EventStoreTables tables, LedgerCheckpoints checkpoints, BatchBuffers buffers,
                     @Value("${bunnybook.ledger.checkpoint-interval:1000}") int checkpointInterval) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.checkpoints = checkpoints;
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("bunnybook.ledger.checkpoint-interval must be at least 1");
        }
        this.checkpointInterval = checkpointInterval;
        this.toChain = buffers.buffer(this::chain);
    }

    @EventHandler
    void on(Object anyEvent, @MessageIdentifier String eventIdentifier) {
        toChain.add(eventIdentifier);
    }

    /** Chains these events, in this order, after the ledger's last entry. */
    private void chain(List<String> eventIdentifiers) {
        Map<String, StoredEvent> stored = tables.events(eventIdentifiers);
        Link last = jdbc.sql("SELECT position, chain_hash FROM ledger_entries ORDER BY position DESC LIMIT 1")
                .query((rs, row) -> new Link(rs.getLong(1), rs.getBytes(2)))
                .optional().orElse(new Link(0, Fingerprints.genesis()));
        List<Entry> entries = new ArrayList<>(eventIdentifiers.size());
        for (String eventIdentifier : eventIdentifiers) {
            StoredEvent event = stored.get(eventIdentifier);
            if (event == null) {
                throw new IllegalStateException(
                        "event " + eventIdentifier + " is being handled but is not in the store");
            }
            byte[] eventHash = Fingerprints.of(event);
            last = new Link(last.position() + 1, Fingerprints.link(last.chainHash(), eventHash));
            entries.add(new Entry(last.position(), event.globalIndex(), eventIdentifier, eventHash, last.chainHash()));
        }
        // one statement for the whole batch: unnest zips the arrays back into rows, in order
        jdbc.sql("""
                        INSERT INTO ledger_entries (position, global_index, event_identifier, event_hash, chain_hash)
                        SELECT * FROM unnest(CAST(:positions AS bigint[]), CAST(:globalIndexes AS bigint[]),
                                             CAST(:eventIdentifiers AS varchar[]), CAST(:eventHashes AS bytea[]),
                                             CAST(:chainHashes AS bytea[]))""")
                .param("positions", entries.stream().map(Entry::position).toArray(Long[]::new))
                .param("globalIndexes", entries.stream().map(Entry::globalIndex).toArray(Long[]::new))
                .param("eventIdentifiers", entries.stream().map(Entry::eventIdentifier).toArray(String[]::new))
                .param("eventHashes", entries.stream().map(Entry::eventHash).toArray(byte[][]::new))
                .param("chainHashes", entries.stream().map(Entry::chainHash).toArray(byte[][]::new))
                .update();
        for (Entry entry : entries) {
            if (entry.position() % checkpointInterval == 0) {
                checkpoints.seal(entry.position(), entry.globalIndex(), entry.chainHash());
            }
        }
    }

    private record Link(long position, byte[] chainHash) {
    }

    private record Entry(long position, long globalIndex, String eventIdentifier, byte[] eventHash,
                         byte[] chainHash) {
    }
}
