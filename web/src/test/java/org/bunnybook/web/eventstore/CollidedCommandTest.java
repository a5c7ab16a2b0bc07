package org.bunnybook.web.eventstore;

import org.bunnybook.web.support.BunnybookTest;
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
        try {
            // the event store refuses the first post appended from now on as PostgreSQL refuses a deadlock's loser;
            // a sequence counts the tries, surviving the rollback
            jdbc.sql("CREATE SEQUENCE appends_for_test").update();
            jdbc.sql("""
                    CREATE FUNCTION deadlock_once() RETURNS trigger AS $$
                    BEGIN
                      IF NEW.payload_type LIKE '%.PostCreated' AND nextval('appends_for_test') = 1 THEN
                        RAISE EXCEPTION 'simulated deadlock' USING ERRCODE = '40P01';
                      END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql""").update();
            jdbc.sql("""
                    CREATE TRIGGER deadlock_once BEFORE INSERT ON domain_event_entry
                    FOR EACH ROW EXECUTE FUNCTION deadlock_once()""").update();

            String post = Posts.write(writer, writer, "second time lucky", "PUBLIC");

            assertThat(jdbc.sql("SELECT last_value FROM appends_for_test").query(Long.class).single())
                    .as("appended twice").isEqualTo(2);
            assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :post")
                    .param("post", post).query(Long.class).single()).as("stored once").isEqualTo(1);
            assertThat(writer.client().get("/web/posts/" + post).status()).isEqualTo(200);
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS deadlock_once ON domain_event_entry").update();
            jdbc.sql("DROP FUNCTION IF EXISTS deadlock_once()").update();
            jdbc.sql("DROP SEQUENCE IF EXISTS appends_for_test").update();
        }
    }
}
