package org.bunnybook.web.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.Fingerprints;
import org.bunnybook.platform.eventstore.StoredEvent;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Ledger;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Rebuilds;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events stored before personal data was sealed hold it in the clear: erasing their member rewrites those values to
 * placeholders (their client address in the metadata too), so the stored event, the audit, time travel and a rebuild
 * no longer show them, and the ledger still verifies through the signed record of each rewrite, which cannot be
 * forged (docs/privacy.md, docs/auditing.md).
 * Each test puts back what it altered by hand (the run shares one store).
 */
@BunnybookTest
class PlaintextErasureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStoreTables tables;

    @Test
    void anErasureRewritesPlainPersonalDataOfEarlierEventsAndTheLedgerStillVerifies() {
        Member legacy = Members.register(port, "Legacy");
        Member reader = Members.register(port, "Reader");
        String word = "old" + UUID.randomUUID().toString().replace("-", "");
        String post = plainPostAsRevisionOneWroteIt(legacy, "an old post " + word);
        String chat = ChatGroupId.of(legacy.id(), reader.id()).toString();
        // opened by the one who stays: the address of the event is theirs, though it names the one who leaves
        store(chat, "Conversation", "org.bunnybook.api.chat.ConversationOpened", reader, json(
                "chatGroupId", chat, "oneId", legacy.id().toString(), "oneUsername", legacy.username(),
                "otherId", reader.id().toString(), "otherUsername", reader.username()));
        await("the old post read").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> reader.client().get("/web/posts/" + post).status() == 200);
        Ledger.awaitChained(jdbc, post);
        List<String> secrets = List.of(legacy.username().toLowerCase(Locale.ROOT), word,
                legacy.client().clientAddress());
        assertThat(storedPayload(post).toLowerCase(Locale.ROOT)).contains(secrets.subList(0, 2));
        assertThat(storedMetaData(post)).contains(legacy.client().clientAddress());

        assertThat(erase(legacy).status()).isEqualTo(204);

        // the stored event: its plain values are now placeholders, what was not personal is as it was
        JsonNode stored = readTree(storedPayload(post));
        assertThat(stored.get("authorUsername").asText()).isEqualTo("erased member");
        assertThat(stored.get("wallUsername").asText()).isEqualTo("erased member");
        assertThat(stored.get("content").asText()).isEqualTo("[erased]");
        assertThat(stored.get("postId").asText()).isEqualTo(post);
        assertThat(stored.get("privacy").asText()).isEqualTo("PUBLIC");
        JsonNode storedOrigin = readTree(storedMetaData(post)); // their address, kept in the clear back then
        assertThat(storedOrigin.get("clientAddress").asText()).isEqualTo("[erased]");
        assertThat(storedOrigin.get("actor").asText()).isEqualTo(legacy.id().toString());
        assertThat(readTree(storedMetaData(chat)).get("clientAddress").asText())
                .as("the address of the member who stays").isEqualTo(reader.client().clientAddress());
        JsonNode opened = readTree(storedPayload(chat)); // revision 1: the usernames under names of their own
        assertThat(opened.get("oneUsername").asText()).isEqualTo("erased member");
        assertThat(opened.get("otherUsername").asText()).as("the other member's").isEqualTo(reader.username());
        assertThat(jdbc.sql("SELECT count(*) FROM event_redactions WHERE event_identifier = :id")
                .param("id", tables.aggregateHistory(post, -1, 1).get(0).eventIdentifier())
                .query(Long.class).single()).isEqualTo(1);

        // the audit's views, time travel and a rebuilt read model show the placeholders
        Member auditor = Staff.auditor(port);
        for (String path : List.of("/web/audit/aggregates/" + post + "/events", "/web/audit/aggregates/" + post
                + "/state", "/web/audit/events?aggregate_id=" + post, "/web/audit/export?aggregate_id=" + post)) {
            ApiClient.Response answer = auditor.client().get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.text().toLowerCase(Locale.ROOT)).as(path).doesNotContain(secrets)
                    .contains("erased member");
        }
        Rebuilds.rebuild(Staff.admin(port), ReadModels.WALLS);
        JsonNode rebuilt = reader.client().get("/web/posts/" + post).json();
        assertThat(rebuilt.get("content").asText()).isEqualTo("[erased]");
        assertThat(rebuilt.toString().toLowerCase(Locale.ROOT)).doesNotContain(secrets);

        // the ledger chained the old bytes; the signed redaction accounts for the new ones
        JsonNode report = Ledger.verify(auditor.client(), "{}").get("report");
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("redacted").asLong()).isPositive();
    }

    @Test
    void aRedactionRecordAlteredOrForgedDoesNotPassForOne() {
        Member legacy = Members.register(port, "Forged");
        String post = plainPostAsRevisionOneWroteIt(legacy, "an old post of " + legacy.username());
        Ledger.awaitChained(jdbc, post);
        assertThat(erase(legacy).status()).isEqualTo(204);
        StoredEvent redacted = tables.aggregateHistory(post, -1, 1).get(0);
        Member auditor = Staff.auditor(port);

        // the payload rewritten by hand, and the redaction's record pointed at the new bytes: its signature breaks
        byte[] altered = new String(redacted.payload(), StandardCharsets.UTF_8).replace("[erased]", "rewritten")
                .getBytes(StandardCharsets.UTF_8);
        byte[] alteredHash = Fingerprints.of(new StoredEvent(redacted.globalIndex(), redacted.eventIdentifier(),
                redacted.aggregateIdentifier(), redacted.sequenceNumber(), redacted.aggregateType(),
                redacted.payloadType(), redacted.payloadRevision(), redacted.timeStamp(), altered,
                redacted.metaData()));
        byte[] genuineNewHash = Fingerprints.of(redacted);
        try {
            jdbc.sql("UPDATE domain_event_entry SET payload = :payload WHERE global_index = :index")
                    .param("payload", altered).param("index", redacted.globalIndex()).update();
            jdbc.sql("UPDATE event_redactions SET new_hash = :hash WHERE global_index = :index")
                    .param("hash", alteredHash).param("index", redacted.globalIndex()).update();
            assertAlteredAt(auditor, redacted.globalIndex());

            // the genuine record put back, and one of its own after it, from there to the new bytes, signed by no one
            jdbc.sql("UPDATE event_redactions SET new_hash = :hash WHERE global_index = :index")
                    .param("hash", genuineNewHash).param("index", redacted.globalIndex()).update();
            jdbc.sql("""
                            INSERT INTO event_redactions (global_index, event_identifier, old_hash, new_hash,
                                erasure_event_id, redacted_at, signature)
                            SELECT global_index, event_identifier, new_hash, :hash, erasure_event_id, redacted_at,
                                :signature FROM event_redactions WHERE global_index = :index""")
                    .param("hash", alteredHash).param("signature", new byte[32])
                    .param("index", redacted.globalIndex()).update();
            assertAlteredAt(auditor, redacted.globalIndex());
        } finally {
            jdbc.sql("DELETE FROM event_redactions WHERE global_index = :index AND new_hash = :hash")
                    .param("index", redacted.globalIndex()).param("hash", alteredHash).update();
            jdbc.sql("UPDATE event_redactions SET new_hash = :hash WHERE global_index = :index")
                    .param("hash", genuineNewHash).param("index", redacted.globalIndex()).update();
            jdbc.sql("UPDATE domain_event_entry SET payload = :payload WHERE global_index = :index")
                    .param("payload", redacted.payload()).param("index", redacted.globalIndex()).update();
        }
        JsonNode restored = Ledger.verify(auditor.client(), "{}").get("report");
        assertThat(restored.get("intact").asBoolean()).as(restored.toString()).isTrue();
    }

    private void assertAlteredAt(Member auditor, long globalIndex) {
        JsonNode report = Ledger.verify(auditor.client(), "{}").get("report");
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.get("firstMismatch").get("reason").asText()).isEqualTo("EVENT_ALTERED");
        assertThat(report.get("firstMismatch").get("globalIndex").asLong()).isEqualTo(globalIndex);
    }

    /** Stores a post as Bunnybook before encryption did: revision 1, every personal value in the clear. */
    private String plainPostAsRevisionOneWroteIt(Member author, String content) {
        String post = UUID.randomUUID().toString();
        store(post, "Post", "org.bunnybook.api.post.PostCreated", author, json("postId", post,
                "authorId", author.id().toString(), "authorUsername", author.username(),
                "wallProfileId", author.id().toString(), "wallUsername", author.username(), "content", content,
                "privacy", "PUBLIC"));
        return post;
    }

    /** Stores the first event of an aggregate at revision 1, as an earlier version of Bunnybook wrote it. */
    private void store(String aggregate, String aggregateType, String type, Member actor, Map<String, Object> payload) {
        jdbc.sql("""
                        INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                            meta_data, payload, payload_revision, payload_type, time_stamp)
                        VALUES (:aggregate, 0, :aggregateType, :id, :metadata, :payload, '1', :type, :timestamp)""")
                .param("aggregate", aggregate)
                .param("aggregateType", aggregateType)
                .param("id", UUID.randomUUID().toString())
                .param("metadata", write(Map.of("actor", actor.id().toString(),
                        "correlationId", UUID.randomUUID().toString(),
                        "clientAddress", actor.client().clientAddress())))
                .param("payload", write(payload))
                .param("type", type)
                .param("timestamp", Instant.now().toString())
                .update();
    }

    /** A JSON object of these names and values, in this order. */
    private static Map<String, Object> json(String... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    private String storedPayload(String aggregate) {
        return new String(tables.aggregateHistory(aggregate, -1, 1).get(0).payload(), StandardCharsets.UTF_8);
    }

    private String storedMetaData(String aggregate) {
        return new String(tables.aggregateHistory(aggregate, -1, 1).get(0).metaData(), StandardCharsets.UTF_8);
    }

    private static ApiClient.Response erase(Member member) {
        return member.client().send("DELETE", "/web/me",
                HttpRequest.BodyPublishers.ofString(ApiClient.toJson(Map.of("password", Members.PASSWORD))),
                Map.of("Content-Type", "application/json"));
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
