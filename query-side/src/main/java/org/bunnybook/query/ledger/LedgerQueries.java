package org.bunnybook.query.ledger;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.ledger.FindLatestLedgerCheckpoint;
import org.bunnybook.api.ledger.FindLedgerCheckpoints;
import org.bunnybook.api.ledger.FindLedgerVerification;
import org.bunnybook.api.ledger.LedgerCheckpoint;
import org.bunnybook.api.ledger.LedgerVerificationJob;
import org.bunnybook.api.ledger.SealLedgerCheckpoint;
import org.bunnybook.api.ledger.StartLedgerVerification;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The ledger's signed checkpoints, and its verification against the events as stored now. Starting a verification
 * and sealing a checkpoint on demand are asked as queries: they change no domain state (a job's row is its progress,
 * a checkpoint a signed copy of what the ledger holds), and their answer is what was made.
 */
@Component
class LedgerQueries {

    private final LedgerCheckpoints checkpoints;
    private final LedgerVerificationJobs verifications;

    LedgerQueries(LedgerCheckpoints checkpoints, LedgerVerificationJobs verifications) {
        this.checkpoints = checkpoints;
        this.verifications = verifications;
    }

    @QueryHandler
    List<LedgerCheckpoint> handle(FindLedgerCheckpoints query) {
        return checkpoints.after(query.afterPosition(), query.limit());
    }

    @QueryHandler
    Optional<LedgerCheckpoint> handle(FindLatestLedgerCheckpoint query) {
        return checkpoints.latest();
    }

    @QueryHandler
    Optional<LedgerCheckpoint> handle(SealLedgerCheckpoint query) {
        return checkpoints.sealAtHead();
    }

    @QueryHandler
    LedgerVerificationJob handle(StartLedgerVerification query) {
        return verifications.start(query);
    }

    @QueryHandler
    Optional<LedgerVerificationJob> handle(FindLedgerVerification query) {
        return verifications.find(query.verificationId());
    }
}
