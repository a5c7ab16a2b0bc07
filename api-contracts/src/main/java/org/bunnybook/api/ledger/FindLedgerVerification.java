package org.bunnybook.api.ledger;

import java.util.UUID;

/** A ledger verification job, running or done; answers nothing if there is no such job. */
public record FindLedgerVerification(UUID verificationId) {
}
