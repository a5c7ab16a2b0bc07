package org.bunnybook.platform.projection;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The transactions of a rebuild's processor: each one looks up unqualified table names in the rebuild's schema
 * first, so the projection's unchanged SQL writes the copies, while Axon's own tables (tokens, dead letters) are
 * still found in {@code public}. A transaction begun after the copies were swapped in or given up on fails instead:
 * with the schema gone, the same SQL would write into the live tables.
 * <p>
 * Each statement is also planned afresh ({@code plan_cache_mode = force_custom_plan}): the copies grow from empty
 * while they are written, and the plan PostgreSQL keeps for a prepared statement once it has run a few times, made
 * while a copy was small, went on scanning the whole table at every execution as it grew (a walls rebuild scanned
 * posts 6,738 times, 78 million rows, and took twice as long; docs/performance.md, "Walls rebuilt beside the live
 * tables"). Planning each statement of a batch costs far less than that.
 */
final class ShadowSearchPath implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcClient jdbc;
    private final String schema;

    ShadowSearchPath(TransactionManager delegate, JdbcClient jdbc, String schema) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.schema = schema;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            boolean present = jdbc.sql("SELECT set_config('search_path', :path, true) IS NOT NULL"
                            + " AND set_config('plan_cache_mode', 'force_custom_plan', true) IS NOT NULL"
                            + " AND to_regnamespace(:schema) IS NOT NULL")
                    .param("path", schema + ", public").param("schema", schema)
                    .query(Boolean.class).single();
            if (!present) {
                throw new IllegalStateException("schema " + schema + " is gone: the rebuild is over");
            }
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
