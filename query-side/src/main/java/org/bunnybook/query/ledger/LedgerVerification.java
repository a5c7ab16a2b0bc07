package org.bunnybook.query.ledger;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ledger.LedgerReport;
import org.bunnybook.api.ledger.LedgerReport.Head;
import org.bunnybook.api.ledger.LedgerReport.Mismatch;
import org.bunnybook.api.ledger.LedgerReport.Reason;
import org.bunnybook.api.ledger.LedgerReport.Snapshots;
import org.bunnybook.api.ledger.LedgerReport.Status;
import org.bunnybook.api.ledger.StartLedgerVerification.TrustedCheckpoint;
import org.bunnybook.platform.eventstore.EventStoreHead;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.Fingerprints;
import org.bunnybook.platform.eventstore.StoredEvent;
import org.bunnybook.platform.privacy.EventRedactions;
import org.bunnybook.platform.processing.StoredTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Walks the ledger in chain order, page by page (constant memory however long the history), recomputing each event's
 * fingerprint from its stored bytes and the chain from the start, and stops at the first link that does not hold.
 * After each page it tells how far it has got ({@link LedgerVerificationJobs} records it as the job's progress).
 * <p>
 * Then it compares the chain's end with the event store: the events stored when it began must all be chained (it
 * waits up to {@code bunnybook.ledger.verify-grace} for the ledger's normal lag before calling it BEHIND), no stored
 * event below the chain's head may be missing from it (UNCHAINED), and none the ledger's own token says it chained
 * (TRUNCATED: entries were cut from the end). Every checkpoint's signature is checked first, and every snapshot's
 * seal last ({@link SnapshotCheck}).
 * <p>
 * An event whose bytes differ from what the ledger chained holds only if signed {@link EventRedactions} lead from the
 * chained fingerprint to its current one (an erasure rewrote plain personal data in it); the chain goes on with the
 * fingerprint the ledger chained, so checkpoints taken before the redaction still match.
 */
@Component
class LedgerVerification {

    private static final Duration POLL = Duration.ofMillis(200);

    private final JdbcClient jdbc;
    private final EventStoreTables tables;
    private final EventStoreHead storeHead;
    private final StoredTokens tokens;
    private final LedgerCheckpoints checkpoints;
    private final SnapshotCheck snapshots;
    private final EventRedactions redactions;
    private final int batch;
    private final Duration grace;

    LedgerVerification(JdbcClient jdbc, EventStoreTables tables, EventStoreHead storeHead, StoredTokens tokens,
                       LedgerCheckpoints checkpoints, SnapshotCheck snapshots, EventRedactions redactions,
                       @Value("${bunnybook.ledger.verify-batch:2000}") int batch,
                       @Value("${bunnybook.ledger.verify-grace:10s}") Duration grace) {
        if (batch < 1) {
            throw new IllegalArgumentException("bunnybook.ledger.verify-batch must be at least 1");
        }
        this.jdbc = jdbc;
        this.tables = tables;
        this.storeHead = storeHead;
        this.tokens = tokens;
        this.checkpoints = checkpoints;
        this.snapshots = snapshots;
        this.redactions = redactions;
        this.batch = batch;
        this.grace = grace;
    }

    /** The ledger's last position: how many entries a verification starting now will check. */
    long length() {
        return jdbc.sql("SELECT coalesce(max(position), 0) FROM ledger_entries").query(Long.class).single();
    }

    /** Verifies the whole ledger, handing {@code checkedUpTo} the last position checked after each page. */
    LedgerReport verify(List<TrustedCheckpoint> trusted, LongConsumer checkedUpTo) {
        long head = storeHead.position();
        Walk walk = new Walk(expected(trusted));
        Optional<Mismatch> broken = walk.forged();
        if (broken.isEmpty()) {
            broken = walk.toTheEnd(checkedUpTo);
        }
        Tail tail = broken.isPresent() ? Tail.NONE : tail(walk, head, checkedUpTo);
        if (broken.isEmpty()) {
            broken = tail.broken().or(() -> walk.checkpointPastTheEnd());
        }
        Snapshots sealed = snapshots.run();
        Status status = broken.map(mismatch -> mismatch.reason().status())
                .orElse(tail.unchained() > 0 ? Status.UNCHAINED
                        : sealed.altered() > 0 ? Status.SNAPSHOT_ALTERED
                        : tail.behind() > 0 ? Status.BEHIND
                        : Status.INTACT);
        return new LedgerReport(status == Status.INTACT, status, walk.position, walk.checkpointsChecked,
                new Head(walk.position, walk.globalIndexHead, HexFormat.of().formatHex(walk.chain)),
                broken.orElse(null), tail.unchained(), tail.firstUnchained(), head, tail.behind(), walk.redacted,
                sealed);
    }

    /** What the chain's end says against the store, after waiting up to the grace period for the ledger's lag. */
    private Tail tail(Walk walk, long head, LongConsumer checkedUpTo) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (true) {
            // the token first: entries commit with it, so every event it passed is in the ledger read after it
            Optional<GapAwareTrackingToken> token = ledgerToken();
            Optional<Mismatch> broken = walk.toTheEnd(checkedUpTo);
            if (broken.isPresent()) {
                return new Tail(broken, 0, null, 0);
            }
            Optional<StoredEvent> cut = token.flatMap(passed -> tables.firstBetween(walk.globalIndexHead,
                    passed.getIndex(), passed.getGaps()));
            if (cut.isPresent()) {
                StoredEvent event = cut.get();
                return new Tail(Optional.of(new Mismatch(walk.position + 1, event.globalIndex(),
                        event.eventIdentifier(), event.aggregateIdentifier(), event.sequenceNumber(),
                        event.payloadType(), Reason.CHAIN_TRUNCATED)), 0, null, 0);
            }
            // every entry walked was matched to a stored event of its own: the others up to the head are unchained
            long unchained = tables.countUpTo(walk.globalIndexHead) - walk.position;
            long behind = tables.countBetween(walk.globalIndexHead, head);
            if ((unchained == 0 && behind == 0) || System.nanoTime() > deadline) {
                Long first = unchained == 0 ? null
                        : tables.firstMissingFrom("ledger_entries", walk.globalIndexHead).orElse(null);
                return new Tail(Optional.empty(), unchained, first, behind);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the node is shutting down", e);
            }
        }
    }

    private record Tail(Optional<Mismatch> broken, long unchained, Long firstUnchained, long behind) {
        static final Tail NONE = new Tail(Optional.empty(), 0, null, 0);
    }

    /** Where the ledger's processor has got to (it has one segment), if it has started. */
    private Optional<GapAwareTrackingToken> ledgerToken() {
        return tokens.of(ReadModels.LEDGER).stream().findFirst()
                .map(StoredTokens.StoredToken::token)
                .flatMap(token -> WrappedToken.unwrap(token, GapAwareTrackingToken.class));
    }

    /** The checkpoints the chain must match at their positions: the stored ones, and those the asker kept. */
    private Map<Long, List<Expected>> expected(List<TrustedCheckpoint> trusted) {
        Map<Long, List<Expected>> expected = new TreeMap<>();
        checkpoints.each(stored -> expected.computeIfAbsent(stored.position(), position -> new ArrayList<>())
                .add(new Expected(stored.position(), stored.globalIndex(), stored.chainHash(), stored.signature(),
                        stored.signature() == null || checkpoints.signatureHolds(stored.position(),
                                stored.globalIndex(), stored.chainHash(), stored.sealedAt(), stored.signature()))));
        for (TrustedCheckpoint kept : trusted) {
            boolean genuine = kept.signature() == null || kept.globalIndex() != null && checkpoints.signatureHolds(
                    kept.position(), kept.globalIndex(), kept.chainHash(), kept.sealedAt(), kept.signature());
            expected.computeIfAbsent(kept.position(), position -> new ArrayList<>())
                    .add(new Expected(kept.position(), kept.globalIndex() == null ? -1 : kept.globalIndex(),
                            kept.chainHash(), kept.signature(), genuine));
        }
        return expected;
    }

    /** A chain hash the ledger must have at a position; {@code genuine} unless its signature does not hold. */
    private record Expected(long position, long globalIndex, String chainHash, String signature, boolean genuine) {
    }

    /** The chain recomputed so far: where it has got to and its last hash. */
    private final class Walk {

        private final Map<Long, List<Expected>> expected;
        private byte[] chain = Fingerprints.genesis();
        private long position;
        private long globalIndexHead;
        private long checkpointsChecked;
        private long redacted;

        Walk(Map<Long, List<Expected>> expected) {
            this.expected = expected;
        }

        /** The first checkpoint whose signature does not hold, if any: nothing it says can be trusted. */
        Optional<Mismatch> forged() {
            return expected.values().stream().flatMap(List::stream).filter(checkpoint -> !checkpoint.genuine())
                    .min(Comparator.comparingLong(Expected::position))
                    .map(checkpoint -> new Mismatch(checkpoint.position(), checkpoint.globalIndex(), null, null, null,
                            null, Reason.CHECKPOINT_FORGED));
        }

        /** A checkpoint past the chain's end: entries were removed from it. */
        Optional<Mismatch> checkpointPastTheEnd() {
            return expected.keySet().stream().filter(checkpoint -> checkpoint > position).findFirst()
                    .map(beyond -> new Mismatch(beyond, -1, null, null, null, null, Reason.CHAIN_TRUNCATED));
        }

        /** Goes on from where it is to the ledger's current end, or to the first link that does not hold. */
        Optional<Mismatch> toTheEnd(LongConsumer checkedUpTo) {
            List<Entry> page;
            do {
                page = page(position);
                for (Entry entry : page) {
                    Optional<Mismatch> mismatch = check(entry);
                    if (mismatch.isPresent()) {
                        return mismatch;
                    }
                }
                if (!page.isEmpty()) {
                    checkedUpTo.accept(position);
                }
            } while (page.size() == batch);
            return Optional.empty();
        }

        private Optional<Mismatch> check(Entry entry) {
            if (entry.position() != position + 1) {
                // an entry was taken out of the ledger: the position after the last good one is missing
                return Optional.of(new Mismatch(position + 1, -1, null, null, null, null, Reason.LEDGER_ALTERED));
            }
            if (entry.event() == null) {
                return Optional.of(entry.mismatch(Reason.EVENT_MISSING));
            }
            byte[] eventHash = Fingerprints.of(entry.event());
            boolean redaction = false;
            if (!Arrays.equals(eventHash, entry.eventHash())) {
                if (!redactions.accountFor(entry.globalIndex(), entry.eventIdentifier(), entry.eventHash(),
                        eventHash)) {
                    return Optional.of(entry.mismatch(Reason.EVENT_ALTERED));
                }
                redaction = true;
            }
            byte[] next = Fingerprints.link(chain, entry.eventHash());
            if (!Arrays.equals(next, entry.chainHash())) {
                return Optional.of(entry.mismatch(Reason.LEDGER_ALTERED));
            }
            for (Expected checkpoint : expected.getOrDefault(entry.position(), List.of())) {
                checkpointsChecked++;
                if (!HexFormat.of().formatHex(next).equals(checkpoint.chainHash())) {
                    return Optional.of(entry.mismatch(Reason.CHECKPOINT_MISMATCH));
                }
            }
            chain = next;
            redacted += redaction ? 1 : 0;
            position = entry.position();
            globalIndexHead = Math.max(globalIndexHead, entry.globalIndex());
            return Optional.empty();
        }
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
