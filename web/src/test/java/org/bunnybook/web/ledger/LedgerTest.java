package org.bunnybook.web.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Ledger;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger chains every event; verification recomputes the chain over the events as stored and names the first one
 * that changed. Each test puts back what it altered, since the whole run shares one event store.
 */
@BunnybookTest
class LedgerTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionFixture projections;

    @Test
    void anUntouchedHistoryVerifies() throws Exception {
        Member auditor = Staff.auditor(port);
        String post = chainedPost("Silver", "chained");

        JsonNode report = verify(auditor, "");
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("firstMismatch").isNull()).isTrue();
        // every event up to the post's: counted, since an append rolled back leaves its position empty
        assertThat(report.get("eventsChecked").asLong()).isGreaterThanOrEqualTo(jdbc.sql(
                "SELECT count(*) FROM domain_event_entry WHERE global_index <= :post")
                .param("post", globalIndexOf(post)).query(Long.class).single());
        assertThat(report.get("head").get("chainHash").asText()).hasSize(64);
        assertThat(report.get("checkpointsChecked").asLong()).isPositive(); // every 10 events in tests
    }

    @Test
    void verificationRunsAsAJobWhoseProgressAnyAuditorCanFollow() {
        Member auditor = Staff.auditor(port);
        JsonNode job = Ledger.verify(auditor.client(), "{}");
        assertThat(job.get("entriesTotal").asLong()).isPositive();
        assertThat(job.get("entriesChecked").asLong()).as(job.toString())
                .isGreaterThanOrEqualTo(job.get("entriesTotal").asLong());
        assertThat(job.get("requestedBy").asText()).isEqualTo(auditor.id().toString());
        assertThat(job.get("finishedAt").isNull()).isFalse();
        assertThat(job.get("report").get("intact").asBoolean()).isTrue();

        // another auditor reads it too; a job that does not exist is not found
        Member other = Staff.auditor(port);
        var seen = other.client().get("/web/audit/verify/" + job.get("verificationId").asText());
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().get("report")).isEqualTo(job.get("report"));
        assertThat(other.client().get("/web/audit/verify/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(other.client().get("/web/audit/verify/not-a-uuid").status()).isEqualTo(422);
    }

    @Test
    void alteringOneStoredPayloadIsReportedAsExactlyThatEvent() throws Exception {
        Member auditor = Staff.auditor(port);
        Member writer = Members.register(port, "Holly");
        String post = Posts.write(writer, writer, "the original words", "PUBLIC");
        Posts.write(writer, writer, "written after it", "PUBLIC");
        Ledger.awaitChained(jdbc, post);
        long tampered = globalIndexOf(post);

        byte[] original = jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = :index")
                .param("index", tampered).query(byte[].class).single();
        jdbc.sql("""
                        UPDATE domain_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'PUBLIC', 'FRIENDS'), 'UTF8')
                        WHERE global_index = :index""")
                .param("index", tampered).update();
        try {
            JsonNode report = verify(auditor, "");
            assertThat(report.get("intact").asBoolean()).isFalse();
            JsonNode mismatch = report.get("firstMismatch");
            assertThat(mismatch.get("globalIndex").asLong()).isEqualTo(tampered);
            assertThat(mismatch.get("aggregateIdentifier").asText()).isEqualTo(post);
            assertThat(mismatch.get("sequenceNumber").asLong()).isZero();
            assertThat(mismatch.get("payloadType").asText()).isEqualTo("org.bunnybook.api.post.PostCreated");
            assertThat(mismatch.get("reason").asText()).isEqualTo("EVENT_ALTERED");
            // everything before it still verified
            assertThat(report.get("eventsChecked").asLong()).isEqualTo(mismatch.get("position").asLong() - 1);
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET payload = :original WHERE global_index = :index")
                    .param("original", original).param("index", tampered).update();
        }
        assertThat(verify(auditor, "").get("intact").asBoolean()).isTrue();
    }

    @Test
    void aDeletedEventIsReportedMissing() throws Exception {
        Member auditor = Staff.auditor(port);
        String post = chainedPost("Clover", "about to vanish");
        long removed = globalIndexOf(post);
        Map<String, Object> row = jdbc.sql("SELECT * FROM domain_event_entry WHERE global_index = :index")
                .param("index", removed).query().singleRow();
        jdbc.sql("DELETE FROM domain_event_entry WHERE global_index = :index").param("index", removed).update();
        try {
            JsonNode mismatch = verify(auditor, "").get("firstMismatch");
            assertThat(mismatch.get("globalIndex").asLong()).isEqualTo(removed);
            assertThat(mismatch.get("reason").asText()).isEqualTo("EVENT_MISSING");
        } finally {
            jdbc.sql("""
                            INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                                event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                            VALUES (:global_index, :aggregate_identifier, :sequence_number, :type, :event_identifier,
                                :meta_data, :payload, :payload_revision, :payload_type, :time_stamp)""")
                    .params(row).update();
        }
        assertThat(verify(auditor, "").get("intact").asBoolean()).isTrue();
    }

    @Test
    void checkpointsKeptElsewhereMustMatchTheRecomputedChain() throws Exception {
        Member auditor = Staff.auditor(port);
        chainedPost("Dandelion", "sealed");

        JsonNode checkpoints = auditor.client().get("/web/audit/checkpoints?limit=3").json();
        assertThat(checkpoints.size()).isPositive();
        JsonNode kept = checkpoints.get(checkpoints.size() - 1);
        String keptJson = "{\"checkpoints\":[{\"position\":" + kept.get("position").asLong()
                + ",\"chainHash\":\"" + kept.get("chainHash").asText() + "\"}]}";
        JsonNode matching = verify(auditor, keptJson);
        assertThat(matching.get("intact").asBoolean()).as(matching.toString()).isTrue();

        // a copy that disagrees (or a chain rewritten since the copy was taken) is reported at its position
        String other = kept.get("chainHash").asText().startsWith("0") ? "1" + "0".repeat(63) : "0".repeat(64);
        JsonNode disagreeing = verify(auditor, "{\"checkpoints\":[{\"position\":" + kept.get("position").asLong()
                + ",\"chainHash\":\"" + other + "\"}]}");
        assertThat(disagreeing.get("intact").asBoolean()).isFalse();
        assertThat(disagreeing.get("firstMismatch").get("reason").asText()).isEqualTo("CHECKPOINT_MISMATCH");
        assertThat(disagreeing.get("firstMismatch").get("position").asLong())
                .isEqualTo(kept.get("position").asLong());
    }

    @Test
    void aRewrittenLedgerEntryIsCaughtByTheChain() throws Exception {
        Member auditor = Staff.auditor(port);
        String post = chainedPost("Thethuthinnang", "chain me");
        // not the ledger's last entry: the events chained meanwhile (the verification's own record) link to the last
        chainedPost("Strawberry", "chained after it");
        long index = globalIndexOf(post);
        byte[] original = jdbc.sql("SELECT chain_hash FROM ledger_entries WHERE global_index = :index")
                .param("index", index).query(byte[].class).single();
        jdbc.sql("UPDATE ledger_entries SET chain_hash = sha256(chain_hash) WHERE global_index = :index")
                .param("index", index).update();
        try {
            JsonNode mismatch = verify(auditor, "").get("firstMismatch");
            assertThat(mismatch.get("globalIndex").asLong()).isEqualTo(index);
            assertThat(mismatch.get("reason").asText()).isEqualTo("LEDGER_ALTERED");
        } finally {
            jdbc.sql("UPDATE ledger_entries SET chain_hash = :original WHERE global_index = :index")
                    .param("original", original).param("index", index).update();
        }
        assertThat(verify(auditor, "").get("intact").asBoolean()).isTrue();
    }

    @Test
    void aCheckpointPastTheChainsEndRevealsATruncatedHistory() throws Exception {
        Member auditor = Staff.auditor(port);
        JsonNode intact = verify(auditor, "");
        long end = intact.get("head").get("position").asLong();
        JsonNode report = verify(auditor, "{\"checkpoints\":[{\"position\":" + (end + 1000)
                + ",\"chainHash\":\"" + "ab".repeat(32) + "\"}]}");
        assertThat(report.get("intact").asBoolean()).isFalse();
        assertThat(report.get("firstMismatch").get("reason").asText()).isEqualTo("CHAIN_TRUNCATED");
        assertThat(report.get("firstMismatch").get("position").asLong()).isEqualTo(end + 1000);
    }

    @Test
    void aLedgerDeployedOnAnExistingHistoryChainsAllOfIt() throws Exception {
        Member auditor = Staff.auditor(port);
        chainedPost("Hyzenthlay", "before the ledger came");
        // as if it had never run: no tokens, an empty ledger
        projections.redeploy(ReadModels.LEDGER,
                () -> jdbc.sql("TRUNCATE ledger_entries, ledger_checkpoints").update());
        long stored = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        await("the ledger chaining the whole history again").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT count(*) FROM ledger_entries").query(Long.class).single() >= stored);
        JsonNode report = verify(auditor, "");
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("eventsChecked").asLong()).isGreaterThanOrEqualTo(stored);
        assertThat(report.get("unchained").asLong()).isZero();
    }

    private JsonNode verify(Member auditor, String body) {
        return Ledger.verify(auditor.client(), body.isEmpty() ? "{}" : body).get("report");
    }

    private long globalIndexOf(String postId) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :id"
                        + " AND sequence_number = 0")
                .param("id", postId).query(Long.class).single();
    }

    /** A new member's post, once the ledger has chained it; answers the post's id. */
    private String chainedPost(String author, String content) throws InterruptedException {
        Member writer = Members.register(port, author);
        String post = Posts.write(writer, writer, content, "PUBLIC");
        Ledger.awaitChained(jdbc, post);
        return post;
    }
}
