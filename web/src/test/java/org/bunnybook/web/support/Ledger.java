package org.bunnybook.web.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Waits on the ledger, which chains events a moment after they are stored. */
public final class Ledger {

    private Ledger() {
    }

    /** Waits until every event of the aggregate stored so far is chained (altering one before would be chained). */
    public static void awaitChained(JdbcClient jdbc, String aggregateId) {
        await("the ledger chaining the events of " + aggregateId).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("""
                                SELECT count(*) = count(l.global_index) FROM domain_event_entry e
                                LEFT JOIN ledger_entries l USING (global_index) WHERE e.aggregate_identifier = :id""")
                        .param("id", aggregateId).query(Boolean.class).single());
    }
}
