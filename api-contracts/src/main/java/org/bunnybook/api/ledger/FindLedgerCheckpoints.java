package org.bunnybook.api.ledger;

/** The ledger's checkpoints after {@code afterPosition}, oldest first, at most {@code limit}. */
public record FindLedgerCheckpoints(long afterPosition, int limit) {
}
