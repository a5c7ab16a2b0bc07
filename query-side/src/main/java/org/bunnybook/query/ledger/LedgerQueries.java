package org.bunnybook.query.ledger;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.ledger.FindLedgerCheckpoints;
import org.bunnybook.api.ledger.LedgerCheckpoint;
import org.bunnybook.api.ledger.LedgerReport;
import org.bunnybook.api.ledger.VerifyLedger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

/** The ledger's published checkpoints, and its verification against the events as stored now. */
@Component
class LedgerQueries {

    private final JdbcClient jdbc;
    private final LedgerVerification verification;

    LedgerQueries(JdbcClient jdbc, LedgerVerification verification) {
        this.jdbc = jdbc;
        this.verification = verification;
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
    LedgerReport handle(VerifyLedger query) {
        return verification.verify(query.trusted());
    }
}
