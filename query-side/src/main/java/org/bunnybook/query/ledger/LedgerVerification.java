package org.bunnybook.query.ledger;

import org.bunnybook.api.ledger.LedgerReport;
import org.bunnybook.api.ledger.LedgerReport.Head;
import org.bunnybook.api.ledger.LedgerReport.Mismatch;
import org.bunnybook.api.ledger.LedgerReport.Reason;
import org.bunnybook.api.ledger.StartLedgerVerification.TrustedCheckpoint;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.StoredEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Walks the ledger in chain order, page by page (constant memory however long the history), recomputing each event's
 * fingerprint from its stored bytes and the chain from the start, and stops at the first link that does not hold.
 * After each page it tells how far it has got ({@link LedgerVerificationJobs} records it as the job's progress).
 */
@Component
class LedgerVerification {

    private final JdbcClient jdbc;
    private final EventStoreTables tables;
    private final int batch;

    LedgerVerification(JdbcClient jdbc, EventStoreTables tables,
                       @Value("${bunnybook.ledger.verify-batch:2000}") int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("bunnybook.ledger.verify-batch must be at least 1");
        }
        this.jdbc = jdbc;
        this.tables = tables;
        this.batch = batch;
    }

    /** The ledger's last position: how many entries a verification starting now will check. */
    long length() {
        return jdbc.sql("SELECT coalesce(max(position), 0) FROM ledger_entries").query(Long.class).single();
    }

    /** Verifies the whole ledger, handing {@code checkedUpTo} the last position checked after each page. */
    LedgerReport verify(List<TrustedCheckpoint> trusted, LongConsumer checkedUpTo) {
        Map<Long, byte[]> checkpoints = checkpoints(trusted);
        byte[] chain = Fingerprints.genesis();
        long position = 0;
        long globalIndexHead = 0;
        long checkpointsChecked = 0;
        List<Entry> page;
        do {
            page = page(position);
            for (Entry entry : page) {
                Mismatch mismatch = null;
                if (entry.position() != position + 1) {
                    // an entry was taken out of the ledger: the position after the last good one is missing
                    return broken(position, globalIndexHead, chain, checkpointsChecked,
                            new Mismatch(position + 1, -1, null, null, null, null, Reason.LEDGER_ALTERED));
                }
                byte[] next = null;
                if (entry.event() == null) {
                    mismatch = entry.mismatch(Reason.EVENT_MISSING);
                } else {
                    byte[] eventHash = Fingerprints.of(entry.event());
                    next = Fingerprints.link(chain, eventHash);
                    if (!Arrays.equals(eventHash, entry.eventHash())) {
                        mismatch = entry.mismatch(Reason.EVENT_ALTERED);
                    } else if (!Arrays.equals(next, entry.chainHash())) {
                        mismatch = entry.mismatch(Reason.LEDGER_ALTERED);
                    } else if (checkpoints.containsKey(entry.position())) {
                        checkpointsChecked++;
                        if (!Arrays.equals(next, checkpoints.get(entry.position()))) {
                            mismatch = entry.mismatch(Reason.CHECKPOINT_MISMATCH);
                        }
                    }
                }
                if (mismatch != null) {
                    return broken(position, globalIndexHead, chain, checkpointsChecked, mismatch);
                }
                chain = next;
                position = entry.position();
                globalIndexHead = Math.max(globalIndexHead, entry.globalIndex());
            }
            checkedUpTo.accept(position);
        } while (page.size() == batch);
        long end = position;
        var beyondTheEnd = checkpoints.keySet().stream().filter(checkpoint -> checkpoint > end).min(Long::compare);
        if (beyondTheEnd.isPresent()) {
            return broken(position, globalIndexHead, chain, checkpointsChecked,
                    new Mismatch(beyondTheEnd.get(), -1, null, null, null, null, Reason.CHAIN_TRUNCATED));
        }
        // every entry up to here was matched to a stored event of its own: the rest of them are not chained yet
        long unchained = tables.countUpTo(globalIndexHead) - position;
        return new LedgerReport(true, position, checkpointsChecked,
                new Head(position, globalIndexHead, HexFormat.of().formatHex(chain)), null, unchained);
    }

    private static LedgerReport broken(long position, long globalIndexHead, byte[] chain, long checkpointsChecked,
                                       Mismatch mismatch) {
        return new LedgerReport(false, position, checkpointsChecked,
                new Head(position, globalIndexHead, HexFormat.of().formatHex(chain)), mismatch, 0);
    }

    /** The stored checkpoints, and those the asker kept: where both name a position, both must match. */
    private Map<Long, byte[]> checkpoints(List<TrustedCheckpoint> trusted) {
        Map<Long, byte[]> checkpoints = new HashMap<>();
        jdbc.sql("SELECT position, chain_hash FROM ledger_checkpoints")
                .query(rs -> {
                    checkpoints.put(rs.getLong(1), rs.getBytes(2));
                });
        for (TrustedCheckpoint checkpoint : trusted) {
            byte[] hash = HexFormat.of().parseHex(checkpoint.chainHash());
            byte[] stored = checkpoints.putIfAbsent(checkpoint.position(), hash);
            if (stored != null && !Arrays.equals(stored, hash)) {
                checkpoints.put(checkpoint.position(), hash); // the outside copy is the one trusted
            }
        }
        return checkpoints;
    }

    /** The next page of ledger entries, each with the event stored at its global position (null if none). */
    private List<Entry> page(long afterPosition) {
        List<Entry> entries = jdbc.sql("SELECT position, global_index, event_identifier, event_hash, chain_hash"
                        + " FROM ledger_entries WHERE position > :after ORDER BY position LIMIT :limit")
                .param("after", afterPosition)
                .param("limit", batch)
                .query((rs, row) -> new Entry(rs.getLong("position"), rs.getLong("global_index"),
                        rs.getString("event_identifier"), rs.getBytes("event_hash"), rs.getBytes("chain_hash"), null))
                .list();
        Map<Long, StoredEvent> events = tables.eventsAt(entries.stream().map(Entry::globalIndex).toList()).stream()
                .collect(Collectors.toMap(StoredEvent::globalIndex, Function.identity()));
        return entries.stream().map(entry -> entry.with(events.get(entry.globalIndex()))).toList();
    }

    private record Entry(long position, long globalIndex, String eventIdentifier, byte[] eventHash, byte[] chainHash,
                         StoredEvent event) {

        Entry with(StoredEvent stored) {
            return new Entry(position, globalIndex, eventIdentifier, eventHash, chainHash, stored);
        }

        Mismatch mismatch(Reason reason) {
            return new Mismatch(position, globalIndex, eventIdentifier,
                    event == null ? null : event.aggregateIdentifier(),
                    event == null ? null : event.sequenceNumber(),
                    event == null ? null : event.payloadType(), reason);
        }
    }
}
