package org.bunnybook.api.ledger;

/**
 * What verification found. {@code intact} holds when every chained event still has the bytes it was chained with,
 * the chain links up, and every checkpoint matches. {@code firstMismatch} names the first event (in chain order) that
 * does not; {@code unchained} counts stored events at or below the ledger's head that the ledger has not chained
 * (inserted behind its back, or still in flight).
 */
public record LedgerReport(boolean intact, long eventsChecked, long checkpointsChecked, Head head,
                           Mismatch firstMismatch, long unchained) {

    /** The last chained event. */
    public record Head(long position, long globalIndex, String chainHash) {
    }

    /** Where the chain broke and why. */
    public record Mismatch(long position, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                           Long sequenceNumber, String payloadType, Reason reason) {
    }

    public enum Reason {
        /** The event's stored bytes differ from those it was chained with. */
        EVENT_ALTERED,
        /** The ledger chained an event that is no longer stored. */
        EVENT_MISSING,
        /** The ledger's own record of the chain was changed. */
        LEDGER_ALTERED,
        /** A checkpoint (stored or trusted) does not match the recomputed chain. */
        CHECKPOINT_MISMATCH,
        /** A checkpoint names a position past the chain's end: entries were removed from its end. */
        CHAIN_TRUNCATED
    }
}
