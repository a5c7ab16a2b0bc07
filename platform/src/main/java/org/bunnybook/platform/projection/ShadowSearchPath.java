package org.bunnybook.platform.projection;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The transactions of a rebuild's processor: each one looks up unqualified table names in the rebuild's schema
 * first, so the projection's unchanged SQL writes the copies, while Axon's own tables (tokens, dead letters) are
 * still found in {@code public}. A transaction begun after the copies were swapped in or given up on fails instead:
 * with the schema gone, the same SQL would write into the live tables.
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
