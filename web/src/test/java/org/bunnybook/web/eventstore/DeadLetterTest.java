package org.bunnybook.web.eventstore;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.Segment;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.DeadlockOnce;
import org.bunnybook.web.support.FlakyProjection;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.PoisonedProjection;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@BunnybookTest
class DeadLetterTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void anEventAProjectionFailsOnIsDeadLetteredForThatGroupOnly() {
        var poison = Members.register(port, "Poison");
        // a failing event rolls its batch back first, and is parked when the processor tries the batch again (≥ 1 s)
        Map<String, Object> letter = await("the dead letter").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("""
                                SELECT processing_group, payload_type, cause_message,
                                       convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8') AS stored
                                FROM dead_letter_entry WHERE aggregate_identifier = :id""")
                        .param("id", poison.id().toString())
                        .query().listOfRows().stream().findFirst().orElse(null), found -> found != null);
        assertThat(letter.get("processing_group")).isEqualTo(PoisonedProjection.GROUP);
        assertThat(letter.get("payload_type")).isEqualTo("org.bunnybook.api.account.AccountRegistered");
        assertThat((String) letter.get("cause_message")).contains("cannot handle");
        // parked as it was stored: the member's name and address sealed, for their erasure to reach (docs/privacy.md)
        assertThat((String) letter.get("stored")).contains("pd1:")
                .doesNotContain(poison.username(), poison.client().clientAddress());

        // the other read models went on: the member exists and can be found
        assertThat(poison.me().get("username").asText()).isEqualTo(poison.username());
        // and the failing group itself went on past later events, without parking them
        var healthy = Members.register(port, "Healthy");
        long position = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", healthy.id().toString()).query(Long.class).single();
        await("the failing group passing the healthy member's registration").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("""
                                SELECT count(*) FROM token_entry WHERE processor_name = :group
                                AND (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint >= :position""")
                        .param("group", PoisonedProjection.GROUP).param("position", position)
                        .query(Long.class).single() > 0);
        assertThat(jdbc.sql("SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = :id")
                .param("id", healthy.id().toString()).query(Long.class).single()).isZero();
    }

    @Test
    void aFailureWithAVeryLongMessageIsParkedWithItsWholeMessage() {
        var poison = Members.register(port, "PoisonVerbose");
        String cause = await("the dead letter").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT cause_message FROM dead_letter_entry WHERE aggregate_identifier = :id")
                        .param("id", poison.id().toString())
                        .query(String.class).optional().orElse(null), found -> found != null);
        assertThat(cause).hasSizeGreaterThan(5_000).contains("a long story");
    }

    @Test
    void aPassingFailureHealsWhenTheParkedEventIsRetried() {
        var flaky = Members.register(port, "Flaky");
        await("the first failure").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> !FlakyProjection.attempts(flaky.id()).isEmpty());
        // the group's other segment goes on meanwhile, without failing: the failed batch is still tried again with
        // its events in savepoints, so that the one failing now is parked rather than rolling the batch back again
        Segment failing = segmentOf(flaky.id());
        boolean elsewhere = false;
        for (int tries = 0; tries < 30 && !elsewhere; tries++) { // half the registrations land in the other
            elsewhere = !failing.matches(Members.register(port, "Bystander").id().toString());
        }
        assertThat(elsewhere).as("a registration in the group's other segment").isTrue();
        // the test retry interval is 1 s: parked on its second failure at the latest, healed by a retry of it
        await("the third attempt").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> FlakyProjection.attempts(flaky.id()).size() >= 3);
        assertThat(FlakyProjection.attempts(flaky.id())).as("how each attempt came").hasSize(3)
                .last().isEqualTo(FlakyProjection.Attempt.RETRY_OF_THE_PARKED_EVENT);
        await("removed from the queue").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> countLetters(flaky.id().toString()) == 0);
    }

    @Test
    void aCollisionWithAnotherTransactionIsTriedAgainNotParked() {
        var writer = Members.register(port, "Collider");
        // the walls store fails the first insert of this post as a deadlock would
        try (DeadlockOnce walls = DeadlockOnce.onInsertInto(jdbc, "posts", "NEW.content LIKE 'collide %'")) {
            String post = Posts.write(writer, writer, "collide " + writer.id(), "PUBLIC");
            // not parked: the batch was rolled back and tried again as a whole
            await("the post on the wall").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> writer.client().get("/web/posts/" + post).status() == 200);
            assertThat(countLetters(post)).isZero();
            assertThat(walls.tries()).isEqualTo(2);
        }
    }

    @Test
    void aStatementFailingWhenItsBatchIsSentParksItsEventAloneAndTheGroupGoesOn() {
        var writer = Members.register(port, "Rejected");
        // walls send their statements as JDBC batches before commit: this one fails there, for one post only
        jdbc.sql("""
                CREATE FUNCTION reject_post() RETURNS trigger AS $$
                BEGIN
                  IF NEW.content LIKE 'reject %' THEN RAISE EXCEPTION 'rejected for test'; END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""").update();
        jdbc.sql("CREATE TRIGGER reject_post BEFORE INSERT ON posts FOR EACH ROW EXECUTE FUNCTION reject_post()")
                .update();
        try {
            ApiClient.Response answer = writer.client().post("/web/posts",
                    Map.of("content", "reject " + writer.id(), "privacy", "PUBLIC"));
            assertThat(answer.status()).as("stored all the same").isEqualTo(201);
            // parked by a batch on this node, which also committed the token past it: the answer says so
            assertThat(answer.header("Bunnybook-Read-Models-Behind")).contains(ReadModels.WALLS);
            String rejected = answer.json().get("id").asText();
            // a like of the post the walls parked is stored too (parked behind it), and not answered as refused
            ApiClient.Response like = writer.client().post("/web/posts/" + rejected + "/likes", Map.of());
            assertThat(like.status()).as(like.text()).isEqualTo(202);
            assertThat(like.header("Bunnybook-Read-Models-Behind")).contains(ReadModels.WALLS);
            String accepted = Posts.write(writer, writer, "accept " + writer.id(), "PUBLIC");
            await("the failing post parked").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> countLetters(rejected) > 0);
            await("the other post on the wall").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> writer.client().get("/web/posts/" + accepted).status() == 200);
            assertThat(countLetters(accepted)).isZero();
        } finally {
            jdbc.sql("DROP TRIGGER reject_post ON posts").update();
            jdbc.sql("DROP FUNCTION reject_post()").update();
            jdbc.sql("DELETE FROM dead_letter_entry WHERE processing_group = 'walls'").update();
        }
    }

    /** The segment of the flaky group that handles the events of {@code aggregateId}. */
    private Segment segmentOf(UUID aggregateId) {
        int[] segments = processing.tokenStore(FlakyProjection.GROUP).fetchSegments(FlakyProjection.GROUP);
        return Arrays.stream(segments).mapToObj(segment -> Segment.computeSegment(segment, segments))
                .filter(segment -> segment.matches(aggregateId.toString()))
                .findFirst().orElseThrow();
    }

    private long countLetters(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM dead_letter_entry WHERE aggregate_identifier = :id")
                .param("id", aggregateId).query(Long.class).single();
    }
}
