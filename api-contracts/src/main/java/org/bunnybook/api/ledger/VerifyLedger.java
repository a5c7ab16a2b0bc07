package org.bunnybook.api.ledger;

import java.util.List;

/**
 * Recomputes the ledger's chain over the events as they are stored now. {@code trusted} are checkpoints the asker
 * kept elsewhere (may be empty); each must match the recomputed chain too.
 */
public record VerifyLedger(List<TrustedCheckpoint> trusted) {

    /** A chain hash the asker knows the ledger had at a position. */
    public record TrustedCheckpoint(long position, String chainHash) {
    }
}
