package org.bunnybook.web.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Waits on the ledger, which chains events a moment after they are stored. */
public final class Ledger {

    private Ledger() {
    }

    /** Waits until every event of the aggregate stored so far is chained (altering one before would be chained). */
    public static void awaitChained(JdbcClient jdbc, String aggregateId) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            boolean chained = jdbc.sql("""
                            SELECT count(*) = count(l.global_index) FROM domain_event_entry e
                            LEFT JOIN ledger_entries l USING (global_index) WHERE e.aggregate_identifier = :id""")
                    .param("id", aggregateId).query(Boolean.class).single();
            if (chained) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the ledger did not chain the events of " + aggregateId);
    }
}
