package org.bunnybook.web.support;

import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** For tests that compare what the event store holds at two moments: nothing else appending in between. */
public final class QuietStore {

    private QuietStore() {
    }

    /**
     * Waits until no event has been appended for half a second (a friendship's conversation, say, is opened by a
     * process after the request that made the friends).
     */
    public static void await(JdbcClient jdbc) {
        AtomicLong lastSeen = new AtomicLong(-1);
        Awaitility.await("half a second without a new event").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    long head = jdbc.sql("SELECT coalesce(max(global_index), 0) + count(*) FROM domain_event_entry")
                            .query(Long.class).single();
                    return lastSeen.getAndSet(head) == head;
                });
    }
}
