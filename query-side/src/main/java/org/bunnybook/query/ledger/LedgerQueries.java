package org.bunnybook.query.ledger;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.ledger.FindLedgerCheckpoints;
import org.bunnybook.api.ledger.LedgerCheckpoint;
import org.bunnybook.api.ledger.FindLedgerVerification;
import org.bunnybook.api.ledger.LedgerVerificationJob;
import org.bunnybook.api.ledger.StartLedgerVerification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's published checkpoints, and its verification against the events as stored now. Starting a verification
 * is asked as a query: it changes no domain state (the job's row is its progress, not history), and its answer is the
 * job to follow.
 */
@Component
class LedgerQueries {

    private final JdbcClient jdbc;
    private final LedgerVerificationJobs verifications;

    LedgerQueries(JdbcClient jdbc, LedgerVerificationJobs verifications) {
        this.jdbc = jdbc;
        this.verifications = verifications;
    }

    @QueryHandler
    List<LedgerCheckpoint> handle(FindLedgerCheckpoints query) {
        return jdbc.sql("""
                        SELECT position, global_index, chain_hash, sealed_at FROM ledger_checkpoints
                        WHERE position > :after ORDER BY position LIMIT :limit""")
                .param("after", query.afterPosition())
                .param("limit", query.limit())
                .query((rs, row) -> new LedgerCheckpoint(rs.getLong("position"), rs.getLong("global_index"),
                        HexFormat.of().formatHex(rs.getBytes("chain_hash")),
                        rs.getObject("sealed_at", OffsetDateTime.class).toInstant()))
                .list();
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
