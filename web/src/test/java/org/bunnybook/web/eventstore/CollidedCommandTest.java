package org.bunnybook.web.eventstore;

import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.DeadlockOnce;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command whose transaction PostgreSQL rolled back for colliding with another one (a deadlock) is sent again, and
 * the member gets their answer rather than an error: nothing of the first try stayed, the second stores it once.
 */
@BunnybookTest
class CollidedCommandTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPostWhoseAppendDeadlockedIsStoredOnceWhenSentAgain() {
        var writer = Members.register(port, "Deadlocked");
        // the event store refuses the first post appended from now on as PostgreSQL refuses a deadlock's loser
        try (DeadlockOnce appends = DeadlockOnce.onInsertInto(jdbc, "domain_event_entry",
                "NEW.payload_type LIKE '%.PostCreated'")) {
            String post = Posts.write(writer, writer, "second time lucky", "PUBLIC");

            assertThat(appends.tries()).as("appended twice").isEqualTo(2);
            assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :post")
                    .param("post", post).query(Long.class).single()).as("stored once").isEqualTo(1);
            assertThat(writer.client().get("/web/posts/" + post).status()).isEqualTo(200);
        }
    }
}
