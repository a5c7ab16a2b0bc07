package org.bunnybook.platform.projection;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * The transactions of a rebuild's processor: each one looks up unqualified table names in the rebuild's schema
 * first, so the projection's unchanged SQL writes the copies, while Axon's own tables (tokens, dead letters) are
 * still found in {@code public}. A transaction begun after the copies were swapped in, given up on or dropped fails
 * instead: with the schema gone, the same SQL would write into the live tables. So it takes a share of the copies'
 * locks as it begins (in the same round trip as its search path), which fails if they are gone and keeps them from
 * being dropped under it, where merely looking for the schema would not.
 */
final class ShadowSearchPath implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcClient jdbc;
    private final String schema;
    private final String begin;

    /** The schema and the tables its names are made of are constants of the code, not input. */
    ShadowSearchPath(TransactionManager delegate, JdbcClient jdbc, String schema, List<String> tables) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.schema = schema;
        this.begin = "SET LOCAL search_path = " + schema + ", public; LOCK TABLE "
                + String.join(", ", tables.stream().map(table -> schema + "." + table).toList())
                + " IN ACCESS SHARE MODE";
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.sql(begin).update();
        } catch (RuntimeException e) {
            transaction.rollback();
            throw new IllegalStateException("could not take the copies in schema " + schema
                    + " (gone once the rebuild is over)", e);
        }
        return transaction;
    }
}
