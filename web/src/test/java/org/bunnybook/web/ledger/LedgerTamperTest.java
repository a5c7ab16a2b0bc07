package org.bunnybook.web.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.eventstore.SnapshotSeals;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Ledger;
import org.bunnybook.web.support.LogLines;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the ledger proves beyond its chain, tried as an auditor over HTTP, one way of tampering a test: a snapshot
 * edited in the database, a ledger that stalled, a tail cut off the ledger, a history rewritten and re-chained before
 * an exported checkpoint, and a forged checkpoint. Each test puts back what it altered (the run shares one store).
 */
@BunnybookTest
class LedgerTamperTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProjectionFixture projections;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aSnapshotEditedInTheDatabaseIsNeverLoadedAndVerificationNamesIt() {
        Member auditor = Staff.auditor(port);
        Member owner = Members.register(port, "Bigwig");
        Member fan = Members.register(port, "Fiver");
        String post = owner.client().post("/web/posts", Map.of("content", "the warren's rules")).json()
                .get("id").asText();
        for (int i = 0; i < 110; i++) { // a post is snapshotted every 100 events
            assertThat(fan.client().post("/web/posts/" + post + "/comments", Map.of("content", "rule " + i))
                    .status()).isEqualTo(201);
        }
        await("a snapshot, taken asynchronously").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                        .param("id", post).query(Long.class).single(), snapshots -> snapshots > 0);
        Map<String, Object> snapshot = jdbc.sql("SELECT sequence_number, payload, convert_from(meta_data, 'UTF8') AS meta"
                        + " FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", post).query().singleRow();
        assertThat((String) snapshot.get("meta")).contains("snapshotSeal");
        long sequence = (Long) snapshot.get("sequence_number");

        // the fan makes themselves the post's author in its snapshot
        jdbc.sql("""
                        UPDATE snapshot_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), :owner, :fan), 'UTF8')
                        WHERE aggregate_identifier = :id AND sequence_number = :sequence""")
                .param("owner", owner.id().toString()).param("fan", fan.id().toString())
                .param("id", post).param("sequence", sequence).update();
        try {
            JsonNode report = verify(auditor, "{}");
            assertThat(report.get("intact").asBoolean()).as(report.toString()).isFalse();
            assertThat(report.get("status").asText()).isEqualTo("SNAPSHOT_ALTERED");
            JsonNode snapshots = report.get("snapshots");
            assertThat(snapshots.get("altered").asLong()).isEqualTo(1);
            assertThat(snapshots.get("firstAltered").get("aggregateIdentifier").asText()).isEqualTo(post);
            assertThat(snapshots.get("firstAltered").get("sequenceNumber").asLong()).isEqualTo(sequence);

            // loaded from its events instead, the post still knows who wrote it; the refusal said once
            try (LogLines seals = LogLines.of(SnapshotSeals.class)) {
                assertThat(fan.client().send("DELETE", "/web/posts/" + post, BodyPublishers.noBody(), Map.of())
                        .status()).isEqualTo(403);
                assertThat(seals.lines()).filteredOn(event -> event.getFormattedMessage().contains(post))
                        .as("warned about once").hasSize(1);
            }
            assertThat(new ApiClient(port).get("/web/posts/" + post).status()).isEqualTo(200);
        } finally {
            jdbc.sql("UPDATE snapshot_event_entry SET payload = :payload"
                            + " WHERE aggregate_identifier = :id AND sequence_number = :sequence")
                    .param("payload", snapshot.get("payload")).param("id", post).param("sequence", sequence).update();
        }
        // the edited snapshot is put back (or was already replaced by a sealed one, taken as the post was replayed)
        JsonNode restored = verify(auditor, "{}");
        assertThat(restored.get("status").asText()).as(restored.toString()).isEqualTo("INTACT");
        assertThat(restored.get("snapshots").get("checked").asLong()).isPositive();
    }

    @Test
    void aStalledLedgerIsReportedBehindNotIntact() {
        Member auditor = Staff.auditor(port);
        StreamingEventProcessor ledger = ledgerProcessor();
        ledger.shutDown();
        try {
            Member writer = Members.register(port, "Blackberry");
            Posts.write(writer, writer, "written while the ledger stood still", "PUBLIC");

            JsonNode report = verify(auditor, "{}");
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("BEHIND");
            assertThat(report.get("behind").asLong()).isPositive();
            assertThat(report.get("storeHead").asLong()).isGreaterThan(report.get("head").get("globalIndex").asLong());
            assertThat(report.get("firstMismatch").isNull()).isTrue();
        } finally {
            ledger.start();
        }
        JsonNode caughtUp = verify(auditor, "{}");
        assertThat(caughtUp.get("status").asText()).as(caughtUp.toString()).isEqualTo("INTACT");
        assertThat(caughtUp.get("behind").asLong()).isZero();
    }

    @Test
    void aTailCutOffTheLedgerIsReportedTruncatedThenUnchainedOnceChainingGoesOn() {
        Member auditor = Staff.auditor(port);
        Member writer = Members.register(port, "Pipkin");
        String post = Posts.write(writer, writer, "soon out of the chain", "PUBLIC");
        Ledger.awaitChained(jdbc, post);
        StreamingEventProcessor ledger = ledgerProcessor();
        ledger.shutDown();
        long firstCut;
        try {
            // the last three entries go, with any checkpoint sealed on them
            long end = jdbc.sql("SELECT max(position) FROM ledger_entries").query(Long.class).single();
            firstCut = jdbc.sql("SELECT global_index FROM ledger_entries WHERE position = :position")
                    .param("position", end - 2).query(Long.class).single();
            jdbc.sql("DELETE FROM ledger_checkpoints WHERE position > :kept").param("kept", end - 3).update();
            jdbc.sql("DELETE FROM ledger_entries WHERE position > :kept").param("kept", end - 3).update();

            JsonNode report = verify(auditor, "{}");
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("TRUNCATED");
            JsonNode mismatch = report.get("firstMismatch");
            assertThat(mismatch.get("reason").asText()).isEqualTo("CHAIN_TRUNCATED");
            assertThat(mismatch.get("position").asLong()).isEqualTo(end - 2);
            assertThat(mismatch.get("globalIndex").asLong()).isEqualTo(firstCut);
        } finally {
            ledger.start();
        }
        try {
            // chaining goes on from the cut: a valid-looking chain, but with stored events left out of it
            Member later = Members.register(port, "Hawkbit");
            Ledger.awaitChained(jdbc, Posts.write(later, later, "chained over the cut", "PUBLIC"));
            JsonNode report = verify(auditor, "{}");
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("UNCHAINED");
            assertThat(report.get("unchained").asLong()).isEqualTo(3);
            assertThat(report.get("firstUnchained").asLong()).isEqualTo(firstCut);
        } finally {
            rechainFromScratch();
        }
        assertThat(verify(auditor, "{}").get("status").asText()).isEqualTo("INTACT");
    }

    @Test
    void aHistoryRewrittenAndRechainedIsCaughtByTheCheckpointExportedBefore() {
        Member auditor = Staff.auditor(port);
        Member writer = Members.register(port, "Hazel");
        String post = Posts.write(writer, writer, "the true story", "PUBLIC");
        Ledger.awaitChained(jdbc, post);
        ApiClient.Response sealed = auditor.client().post("/web/audit/checkpoints", "");
        assertThat(sealed.status()).as(sealed.text()).isEqualTo(201);
        ApiClient.Response exported = auditor.client().get("/web/audit/checkpoints/latest");
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.header("Content-Disposition")).startsWith("attachment");
        JsonNode kept = exported.json();
        assertThat(kept.get("position").asLong()).isGreaterThanOrEqualTo(sealed.json().get("position").asLong());
        assertThat(kept.get("signature").asText()).hasSize(64);
        long tampered = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :id"
                + " AND sequence_number = 0").param("id", post).query(Long.class).single();
        assertThat(tampered).isLessThanOrEqualTo(kept.get("globalIndex").asLong());
        String keptBody = "{\"checkpoints\":[" + kept + "]}";
        assertThat(verify(auditor, keptBody).get("status").asText()).isEqualTo("INTACT");

        // whoever can write to the database rewrites the post (its privacy: the content is sealed, docs/privacy.md)
        // and has the whole history chained anew
        byte[] original = jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = :index")
                .param("index", tampered).query(byte[].class).single();
        int rewritten = jdbc.sql("""
                        UPDATE domain_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), 'PUBLIC', 'FRIENDS'), 'UTF8')
                        WHERE global_index = :index AND position('PUBLIC' in convert_from(payload, 'UTF8')) > 0""")
                .param("index", tampered).update();
        assertThat(rewritten).as("the story rewritten").isEqualTo(1);
        try {
            rechainFromScratch();
            // the database agrees with itself: without an outside copy, nothing shows
            JsonNode alone = verify(auditor, "{}");
            assertThat(alone.get("status").asText()).as(alone.toString()).isEqualTo("INTACT");

            JsonNode report = verify(auditor, keptBody);
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("CHECKPOINT_MISMATCH");
            assertThat(report.get("firstMismatch").get("position").asLong())
                    .isEqualTo(kept.get("position").asLong());
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET payload = :original WHERE global_index = :index")
                    .param("original", original).param("index", tampered).update();
            rechainFromScratch();
        }
    }

    @Test
    void aForgedCheckpointIsReportedWhetherHandedInOrStored() {
        Member auditor = Staff.auditor(port);
        Member writer = Members.register(port, "Dandelion");
        Ledger.awaitChained(jdbc, Posts.write(writer, writer, "sealed and signed", "PUBLIC"));
        assertThat(auditor.client().post("/web/audit/checkpoints", "").status()).isEqualTo(201);
        ObjectNode kept = (ObjectNode) auditor.client().get("/web/audit/checkpoints/latest").json();

        // a copy claiming another chain hash, under the signature of the real one
        ObjectNode forged = kept.deepCopy();
        String hash = kept.get("chainHash").asText();
        forged.put("chainHash", (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1));
        JsonNode report = verify(auditor, "{\"checkpoints\":[" + forged + "]}");
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("CHECKPOINT_FORGED");
        assertThat(report.get("firstMismatch").get("reason").asText()).isEqualTo("CHECKPOINT_FORGED");
        assertThat(report.get("firstMismatch").get("position").asLong()).isEqualTo(kept.get("position").asLong());

        // a stored checkpoint rewritten in the database cannot be signed again there
        long position = kept.get("position").asLong();
        byte[] stored = jdbc.sql("SELECT chain_hash FROM ledger_checkpoints WHERE position = :position")
                .param("position", position).query(byte[].class).single();
        jdbc.sql("UPDATE ledger_checkpoints SET chain_hash = sha256(chain_hash) WHERE position = :position")
                .param("position", position).update();
        try {
            JsonNode rewritten = verify(auditor, "{}");
            assertThat(rewritten.get("status").asText()).as(rewritten.toString()).isEqualTo("CHECKPOINT_FORGED");
            assertThat(rewritten.get("firstMismatch").get("position").asLong()).isEqualTo(position);
        } finally {
            jdbc.sql("UPDATE ledger_checkpoints SET chain_hash = :hash WHERE position = :position")
                    .param("hash", stored).param("position", position).update();
        }
        assertThat(verify(auditor, "{\"checkpoints\":[" + kept + "]}").get("status").asText()).isEqualTo("INTACT");

        // a signature without what it signs, or not in hex, is refused outright
        ObjectNode partial = kept.deepCopy();
        partial.remove("sealedAt");
        assertThat(auditor.client().post("/web/audit/verify", "{\"checkpoints\":[" + partial + "]}").status())
                .isEqualTo(422);
        ObjectNode unreadable = kept.deepCopy();
        unreadable.put("signature", "not hex");
        assertThat(auditor.client().post("/web/audit/verify", "{\"checkpoints\":[" + unreadable + "]}").status())
                .isEqualTo(422);
    }

    @Test
    void checkpointsAreSealedAndExportedForStaffOnly() {
        Member member = Members.register(port, "Kehaar");
        assertThat(member.client().post("/web/audit/checkpoints", "").status()).isEqualTo(403);
        assertThat(member.client().get("/web/audit/checkpoints/latest").status()).isEqualTo(403);
        assertThat(new ApiClient(port).get("/web/audit/checkpoints/latest").status()).isEqualTo(401);
        Member auditor = Staff.auditor(port);
        // one of its own: run alone, this test finds no checkpoint sealed by the count of events yet (and a 404
        // until the ledger has chained its first event)
        await("a checkpoint sealed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> auditor.client().post("/web/audit/checkpoints", "").status() == 201);
        JsonNode listed = auditor.client().get("/web/audit/checkpoints?limit=1000").json();
        assertThat(List.of(listed.get(listed.size() - 1).get("signature").asText())).allMatch(s -> s.length() == 64);
    }

    private JsonNode verify(Member auditor, String body) {
        return Ledger.verify(auditor.client(), body).get("report");
    }

    private StreamingEventProcessor ledgerProcessor() {
        return processing.eventProcessor(ReadModels.LEDGER, StreamingEventProcessor.class).orElseThrow();
    }

    /** The ledger as if newly deployed: it chains the history as stored now from the first event. */
    private void rechainFromScratch() {
        projections.redeploy(ReadModels.LEDGER, () -> jdbc.sql("TRUNCATE ledger_entries, ledger_checkpoints").update());
        long stored = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        await("the ledger chaining the whole history again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT count(*) FROM ledger_entries").query(Long.class).single() >= stored);
    }
}
