package org.bunnybook.api.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Starts recomputing the ledger's chain over the events as they are stored now, as a job that reports its progress
 * ({@link FindLedgerVerification}). Answers the job started, or the one already running if there is one: one
 * verification at a time in the whole cluster. {@code trusted} are checkpoints the asker kept elsewhere (may be empty);
 * each must match the recomputed chain too.
 */
public record StartLedgerVerification(UUID verificationId, String requestedBy, List<TrustedCheckpoint> trusted) {

    /**
     * A chain hash the asker knows the ledger had at a position. An exported checkpoint also has its global index,
     * seal time and signature: then the signature must hold too, or the checkpoint is reported forged.
     */
    public record TrustedCheckpoint(long position, String chainHash, Long globalIndex, Instant sealedAt,
                                    String signature) {

        public TrustedCheckpoint(long position, String chainHash) {
            this(position, chainHash, null, null, null);
        }
    }
}
