package org.bunnybook.api.ledger;

import java.time.Instant;

/**
 * The ledger's chain hash after its {@code position}-th event (the event at {@code globalIndex} in the event store),
 * sealed at {@code sealedAt}. {@code signature} is the HMAC-SHA256, under the deployment's integrity key (which the
 * database does not hold), of the other four (null for checkpoints sealed before they were signed): a copy kept
 * outside the database, handed back to verification, proves the chain up to it was not rewritten since, and a copy
 * whose signature does not hold was not sealed here.
 */
public record LedgerCheckpoint(long position, long globalIndex, String chainHash, Instant sealedAt, String signature) {
}
