package org.bunnybook.api.ledger;

/**
 * Seals a checkpoint at the ledger's head now, rather than waiting for the next one it seals every so many events;
 * answers it (the one already sealed there, if any), or nothing while the ledger is empty.
 */
public record SealLedgerCheckpoint() {
}
