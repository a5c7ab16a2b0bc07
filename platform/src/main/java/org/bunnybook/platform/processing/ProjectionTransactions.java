package org.bunnybook.platform.processing;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactions processors handle their batches in, committed without waiting for the write-ahead log to reach
 * the disk ({@code synchronous_commit = off} for these transactions only; commands keep waiting for it).
 * <p>
 * On 2 cores every event used to cost one flush for its command and one more for each of the ten processing groups
 * that handled it, so a single writer waited mostly on other transactions' flushes. What a processor commits is
 * derived data: its writes and its token commit together or not at all, and PostgreSQL never applies a later commit
 * without the earlier ones, so a crash can only lose the last few milliseconds of batches <em>as a whole</em>, and
 * the processor handles those events again from its older token. Exactly-once holds; the events themselves, the one
 * thing that cannot be derived again, are still flushed before a command is acknowledged.
 * <p>
 * A statement of a projection that runs for more than 30 s is cancelled, so a handler stuck on a lock fails (and is
 * retried or parked) rather than holding its segment for ever.
 * <p>
 * The processors that rebuild a read model beside the live one commit in these too: their copies are derived data
 * as much as the live tables are.
 */
public final class ProjectionTransactions implements TransactionManager {

    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;

    public ProjectionTransactions(TransactionManager transactions, JdbcTemplate jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = transactions.startTransaction();
        try {
            jdbc.execute("SET LOCAL synchronous_commit TO off; SET LOCAL statement_timeout TO '30s'");
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
