package org.bunnybook.platform.processing;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

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
 * <p>
 * Both settings come with the connection ({@link ProjectionConnections}): these transactions take theirs from the
 * projections' pool. One begun inside another transaction (a rebuild resetting a processor's tokens in its own)
 * joins it, its connection and its settings.
 */
public final class ProjectionTransactions implements TransactionManager {

    private final TransactionManager transactions;

    public ProjectionTransactions(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        return ProjectionConnections.beginProjection(transactions);
    }
}
