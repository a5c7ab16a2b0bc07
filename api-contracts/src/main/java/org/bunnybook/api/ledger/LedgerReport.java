package org.bunnybook.api.ledger;

/**
 * What verification found, summed up by {@code status}; {@code intact} is {@code status == INTACT}.
 * <ul>
 * <li>{@code firstMismatch} names the first entry (in chain order) that does not hold, and why;</li>
 * <li>{@code storeHead} is the event store's last position when the verification began, and {@code behind} how many
 * events up to it the ledger had still not chained when it ended (after waiting a moment for the ledger's normal
 * lag);</li>
 * <li>{@code unchained} counts stored events at or below the ledger's head that are not in the chain (inserted behind
 * its back, or left out after its tail was cut and chaining went on), {@code firstUnchained} the first of them;</li>
 * <li>{@code redacted} counts chained events whose stored bytes differ from what the ledger chained only by signed
 * redactions: personal data from before encryption rewritten when its member was erased (docs/privacy.md);</li>
 * <li>{@code snapshots} says whether the aggregates' snapshots carry this deployment's seal.</li>
 * </ul>
 */
public record LedgerReport(boolean intact, Status status, long eventsChecked, long checkpointsChecked, Head head,
                           Mismatch firstMismatch, long unchained, Long firstUnchained, long storeHead, long behind,
                           long redacted, Snapshots snapshots) {

    /** The last chained event. */
    public record Head(long position, long globalIndex, String chainHash) {
    }

    /** Where the chain broke and why. */
    public record Mismatch(long position, long globalIndex, String eventIdentifier, String aggregateIdentifier,
                           Long sequenceNumber, String payloadType, Reason reason) {
    }

    /**
     * The aggregates' snapshots checked against their seals: {@code altered} ones carry a seal that does not hold
     * (changed after they were stored), {@code unsealed} ones none (stored before snapshots were sealed, or by hand).
     * Neither kind is ever loaded; {@code firstAltered} names the first altered one.
     */
    public record Snapshots(long checked, long altered, long unsealed, AlteredSnapshot firstAltered) {
    }

    public record AlteredSnapshot(String aggregateIdentifier, long sequenceNumber, String aggregateType) {
    }

    /** The verdict, the worst finding first: a broken chain, then a cut tail, unchained events, snapshots, lag. */
    public enum Status {
        /** Everything holds, and the ledger has chained every event stored when the verification began. */
        INTACT,
        /** The chain holds but the ledger had not chained the newest events by the end (stalled, or very slow). */
        BEHIND,
        /** Stored events below the ledger's head are not in the chain. */
        UNCHAINED,
        /** Entries were removed from the ledger's end ({@link Reason#CHAIN_TRUNCATED}). */
        TRUNCATED,
        /** The recomputed chain disagrees with a checkpoint ({@link Reason#CHECKPOINT_MISMATCH}). */
        CHECKPOINT_MISMATCH,
        /** A checkpoint's signature does not hold ({@link Reason#CHECKPOINT_FORGED}). */
        CHECKPOINT_FORGED,
        /** An event or the ledger's own record was changed or removed. */
        ALTERED,
        /** A snapshot's seal does not hold: it was changed in the database (it is never loaded). */
        SNAPSHOT_ALTERED
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
        /**
         * A checkpoint's signature does not hold: it was not sealed with this deployment's key (a stored checkpoint
         * rewritten in the database, or a copy that is not what was exported).
         */
        CHECKPOINT_FORGED,
        /**
         * Entries were removed from the chain's end: a checkpoint names a position past it, or the ledger's own token
         * says it chained events that are no longer in the chain.
         */
        CHAIN_TRUNCATED;

        public Status status() {
            return switch (this) {
                case CHECKPOINT_MISMATCH -> Status.CHECKPOINT_MISMATCH;
                case CHECKPOINT_FORGED -> Status.CHECKPOINT_FORGED;
                case CHAIN_TRUNCATED -> Status.TRUNCATED;
                default -> Status.ALTERED;
            };
        }
    }
}
