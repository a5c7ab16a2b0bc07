package org.bunnybook.api.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * A verification of the ledger and how far it has got: {@code entriesChecked} of the {@code entriesTotal} ledger
 * entries there were when it started (entries chained meanwhile are checked too, so the first may pass the second).
 * {@code report} is there once it is {@link State#FINISHED}; {@code failure} says why it {@link State#FAILED}.
 */
public record LedgerVerificationJob(UUID verificationId, State state, String requestedBy, Instant requestedAt,
                                    long entriesChecked, long entriesTotal, Instant finishedAt, LedgerReport report,
                                    String failure) {

    public enum State {
        RUNNING,
        FINISHED,
        /** It stopped on an error (the store went away, say); nothing is known about the history. */
        FAILED,
        /** Its node stopped reporting progress (shut down or died while running): start another. */
        ABANDONED
    }
}
