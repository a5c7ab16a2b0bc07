package org.bunnybook.api.ledger;

import java.time.Instant;

/**
 * The ledger's chain hash after its {@code position}-th event (the event at {@code globalIndex} in the event store).
 * Copies kept outside the database are what make rewriting the whole chain detectable.
 */
public record LedgerCheckpoint(long position, long globalIndex, String chainHash, Instant sealedAt) {
}
