package org.bunnybook.query.ledger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bunnybook.api.ReadModels;
import org.springframework.beans.factory.annotation.Value;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.Fingerprints;
import org.bunnybook.platform.eventstore.StoredEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;


/**
 * Chains every event, as stored, into a SHA-256 hash chain, one event after the other on a single segment (a chain
 * has one order), and seals a signed checkpoint ({@link LedgerCheckpoints}) every so many events. It reads the stored row rather than the event it is handed, which may have been upcast: the chain
 * vouches for bytes, not for their meaning. Entries commit with the token, so each event is chained exactly once.
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

    LedgerProjection(JdbcClient jdbc, EventStoreTables tables, LedgerCheckpoints checkpoints,
                     @Value("${bunnybook.ledger.checkpoint-interval:1000}") int checkpointInterval) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.checkpoints = checkpoints;
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("bunnybook.ledger.checkpoint-interval must be at least 1");
        }
        this.checkpointInterval = checkpointInterval;
    }

    @EventHandler
    void on(Object anyEvent, @MessageIdentifier String eventIdentifier) {
        StoredEvent stored = tables.event(eventIdentifier).orElseThrow(() -> new IllegalStateException(
                "event " + eventIdentifier + " is being handled but is not in the store"));
        Link last = jdbc.sql("SELECT position, chain_hash FROM ledger_entries ORDER BY position DESC LIMIT 1")
                .query((rs, row) -> new Link(rs.getLong(1), rs.getBytes(2)))
                .optional().orElse(new Link(0, Fingerprints.genesis()));
        long position = last.position() + 1;
        byte[] eventHash = Fingerprints.of(stored);
        byte[] chainHash = Fingerprints.link(last.chainHash(), eventHash);
        jdbc.sql("""
                        INSERT INTO ledger_entries (position, global_index, event_identifier, event_hash, chain_hash)
                        VALUES (:position, :globalIndex, :eventIdentifier, :eventHash, :chainHash)""")
                .param("position", position)
                .param("globalIndex", stored.globalIndex())
                .param("eventIdentifier", eventIdentifier)
                .param("eventHash", eventHash)
                .param("chainHash", chainHash)
                .update();
        if (position % checkpointInterval == 0) {
            checkpoints.seal(position, stored.globalIndex(), chainHash);
        }
    }

    private record Link(long position, byte[] chainHash) {
    }
}
