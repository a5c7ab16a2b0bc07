package org.bunnybook.query.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.bunnybook.api.ledger.LedgerReport;
import org.bunnybook.api.ledger.LedgerVerificationJob;
import org.bunnybook.api.ledger.LedgerVerificationJob.State;
import org.bunnybook.api.ledger.StartLedgerVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Verification as a job: a request starts it and is answered at once, the node that took the request walks the
 * ledger on a thread of its own and records its progress after every batch ({@code ledger_verifications}, migration
 * V21), and any node answers how far it has got. One runs at a time in the whole cluster (a unique index on the running
 * row): each reads the whole event store, and two at once would only halve each other's speed. A node that dies
 * mid-job stops its heartbeat; after {@link #HEARTBEAT_TIMEOUT} the job reads as ABANDONED and another may start.
 */
@Component
class LedgerVerificationJobs {

    private static final Logger log = LoggerFactory.getLogger(LedgerVerificationJobs.class);
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(1);
    /** A RUNNING row without a recent heartbeat, as SQL: such a job is ABANDONED whatever its row says. */
    private static final String STALE = "heartbeat_at < :stale";

    private final JdbcClient jdbc;
    private final LedgerVerification verification;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ledger-verification");
        thread.setDaemon(true);
        return thread;
    });

    LedgerVerificationJobs(JdbcClient jdbc, LedgerVerification verification, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.verification = verification;
        this.json = json;
        this.clock = clock;
    }

    /** Starts the verification asked for, or answers the one already running (whose id differs from the one asked). */
    LedgerVerificationJob start(StartLedgerVerification start) {
        OffsetDateTime now = now();
        jdbc.sql("UPDATE ledger_verifications SET state = 'ABANDONED' WHERE state = 'RUNNING' AND " + STALE)
                .param("stale", now.minus(HEARTBEAT_TIMEOUT)).update();
        int started = jdbc.sql("""
                        INSERT INTO ledger_verifications (verification_id, state, requested_by, requested_at,
                                                          heartbeat_at, entries_total)
                        VALUES (:id, 'RUNNING', :by, :now, :now, :total) ON CONFLICT DO NOTHING""")
                .param("id", start.verificationId()).param("by", start.requestedBy()).param("now", now)
                .param("total", verification.length()).update();
        if (started == 0) {
            return jdbc.sql(SELECT + " WHERE state = 'RUNNING'").param("stale", now.minus(HEARTBEAT_TIMEOUT))
                    .query(this::job).optional()
                    .orElseGet(() -> start(start)); // it finished between the insert and this read: try again
        }
        runner.execute(() -> run(start));
        return find(start.verificationId()).orElseThrow();
    }

    Optional<LedgerVerificationJob> find(UUID verificationId) {
        return jdbc.sql(SELECT + " WHERE verification_id = :id").param("id", verificationId)
                .param("stale", now().minus(HEARTBEAT_TIMEOUT)).query(this::job).optional();
    }

    private void run(StartLedgerVerification start) {
        UUID id = start.verificationId();
        try {
            LedgerReport report = verification.verify(start.trusted(), checked -> progress(id, checked));
            jdbc.sql("""
                            UPDATE ledger_verifications SET state = 'FINISHED', finished_at = :now, report = :report,
                                   entries_checked = :checked WHERE verification_id = :id""")
                    .param("now", now()).param("report", json.writeValueAsString(report))
                    .param("checked", report.eventsChecked()).param("id", id).update();
        } catch (Exception failed) {
            log.warn("Ledger verification {} failed", id, failed);
            jdbc.sql("UPDATE ledger_verifications SET state = 'FAILED', finished_at = :now, failure = :failure"
                            + " WHERE verification_id = :id")
                    .param("now", now()).param("failure", String.valueOf(failed.getMessage())).param("id", id)
                    .update();
        }
    }

    private void progress(UUID id, long checked) {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("the node is shutting down");
        }
        jdbc.sql("UPDATE ledger_verifications SET entries_checked = :checked, heartbeat_at = :now"
                        + " WHERE verification_id = :id")
                .param("checked", checked).param("now", now()).param("id", id).update();
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow(); // a job cut short is marked FAILED by its thread, or read as ABANDONED later
    }

    private static final String SELECT = """
            SELECT verification_id, requested_by, requested_at, entries_checked, entries_total, finished_at, report,
                   failure, CASE WHEN state = 'RUNNING' AND heartbeat_at < :stale THEN 'ABANDONED' ELSE state END AS state
            FROM ledger_verifications""";

    private LedgerVerificationJob job(ResultSet rs, int row) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new LedgerVerificationJob(rs.getObject("verification_id", UUID.class), State.valueOf(rs.getString("state")),
                rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
                rs.getLong("entries_checked"), rs.getLong("entries_total"),
                finished == null ? null : finished.toInstant(), report(rs.getString("report")), rs.getString("failure"));
    }

    private LedgerReport report(String stored) {
        try {
            return stored == null ? null : json.readValue(stored, LedgerReport.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("a stored verification report does not read", unreadable);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
