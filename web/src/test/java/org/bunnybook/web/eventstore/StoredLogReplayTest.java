package org.bunnybook.web.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bunnybook.api.chat.ChatMember;
import org.bunnybook.api.chat.ConversationOpened;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events are a contract: a log written by an earlier version of Bunnybook (event-log/revision-1.ndjson, one event of
 * every type as the audit export wrote it, ConversationOpened still at revision 1) is stored as it was and read by
 * today's code, upcasters included: by the event store, by the aggregates (time travel) and by the projections.
 */
@BunnybookTest
class StoredLogReplayTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore eventStore;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aLogWrittenByRevisionOneIsReadByTodaysCode() throws Exception {
        List<JsonNode> log = storedLog();
        Member auditor = Staff.auditor(port);

        // every event type the contract has today is in the old log
        Set<String> catalog = new TreeSet<>();
        auditor.client().get("/web/audit/catalog").json().forEach(type -> catalog.add(type.get("type").asText()));
        Set<String> logged = new TreeSet<>();
        log.forEach(event -> logged.add(event.get("type").asText()));
        assertThat(logged).isEqualTo(catalog);

        // every event reads as today's class, the old ConversationOpened upcast to its members list
        Set<String> aggregates = new LinkedHashSet<>();
        log.forEach(event -> aggregates.add(event.get("aggregateId").asText()));
        int read = 0;
        for (String aggregate : aggregates) {
            List<? extends DomainEventMessage<?>> events = eventStore.readEvents(aggregate).asStream().toList();
            for (DomainEventMessage<?> event : events) {
                assertThat(event.getPayload()).isNotNull();
                read++;
            }
        }
        assertThat(read).isGreaterThanOrEqualTo(log.size());

        JsonNode opened = log.stream().filter(event -> event.get("type").asText().endsWith(".ConversationOpened"))
                .findFirst().orElseThrow();
        assertThat(opened.get("revision").asText()).isEqualTo("1");
        String chat = opened.get("aggregateId").asText();
        JsonNode old = opened.get("payload");
        ConversationOpened upcast = (ConversationOpened) eventStore.readEvents(chat).asStream()
                .filter(event -> event.getSequenceNumber() == 0).findFirst().orElseThrow().getPayload();
        assertThat(upcast.chatGroupId()).isEqualTo(UUID.fromString(chat));
        assertThat(upcast.members()).containsExactly(
                new ChatMember(UUID.fromString(old.get("oneId").asText()), old.get("oneUsername").asText()),
                new ChatMember(UUID.fromString(old.get("otherId").asText()), old.get("otherUsername").asText()));

        // the aggregate rebuilds from the old events through its own handlers
        long lastOldSequence = log.stream().filter(event -> event.get("aggregateId").asText().equals(chat))
                .mapToLong(event -> event.get("sequence").asLong()).max().orElseThrow();
        JsonNode state = auditor.client()
                .get("/web/audit/aggregates/" + chat + "/state?sequence=" + lastOldSequence).json().get("state");
        Set<String> members = new TreeSet<>();
        state.get("members").forEach(member -> members.add(member.asText()));
        assertThat(members).containsExactlyInAnyOrder(old.get("oneId").asText(), old.get("otherId").asText());
        assertThat(state.get("active").asBoolean()).isTrue();

        // and the projections built their read models from them
        awaitConversationMembers(UUID.fromString(chat), old.get("oneUsername").asText(),
                old.get("otherUsername").asText());
    }

    /** Stores the old log as it was written (idempotently: the run shares one event store). */
    private List<JsonNode> storedLog() throws Exception {
        List<JsonNode> log = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("event-log/revision-1.ndjson").getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode event = json.readTree(line);
                log.add(event);
                jdbc.sql("""
                                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type,
                                    event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                                VALUES (:aggregate, :sequence, :aggregateType, :id, :metadata, :payload, :revision,
                                    :type, :timestamp)
                                ON CONFLICT (event_identifier) DO NOTHING""")
                        .param("aggregate", event.get("aggregateId").asText())
                        .param("sequence", event.get("sequence").asLong())
                        .param("aggregateType", event.get("aggregateType").asText())
                        .param("id", event.get("eventId").asText())
                        .param("metadata", json.writeValueAsBytes(event.get("metadata")))
                        .param("payload", json.writeValueAsBytes(event.get("payload")))
                        .param("revision", event.get("revision").asText())
                        .param("type", event.get("type").asText())
                        .param("timestamp", event.get("timestamp").asText())
                        .update();
            }
        }
        return log;
    }

    private void awaitConversationMembers(UUID chat, String... usernames) {
        await("the conversation's members").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                "SELECT username FROM conversation_members WHERE chat_group_id = :chat")
                        .param("chat", chat).query(String.class).list()).containsExactlyInAnyOrder(usernames));
    }
}
