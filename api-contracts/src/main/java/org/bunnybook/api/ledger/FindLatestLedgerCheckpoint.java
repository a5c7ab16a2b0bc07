package org.bunnybook.api.ledger;

/** The newest signed checkpoint of the ledger, if there is one: what an auditor exports and keeps. */
public record FindLatestLedgerCheckpoint() {
}
