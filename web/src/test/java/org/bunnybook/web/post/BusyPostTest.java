package org.bunnybook.web.post;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A post with a long history is loaded from a snapshot, and keeps deciding correctly. The event store reads an
 * aggregate's snapshot and the events after it in one query; what it reads must be what Axon's own store reads in two.
 */
@BunnybookTest
class BusyPostTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    EventStore eventStore;

    @Test
    void aPostWithHundredsOfEventsIsSnapshottedAndStillDecides() {
        Member owner = Members.register(port, "Popular");
        Member fan = Members.register(port, "Chatty");
        String post = owner.client().post("/web/posts", Map.of("content", "ask me anything")).json()
                .get("id").asText();
        for (int i = 0; i < 120; i++) { // a snapshot is taken every 100 events
            assertThat(fan.client().post("/web/posts/" + post + "/comments", Map.of("content", "comment " + i))
                    .status()).isEqualTo(201);
        }
        // its 121 events are read whole from any point, in ranges of 100 that end once one is short
        assertThat(sequenceNumbers(post, 0)).containsExactlyElementsOf(range(0, 121));
        assertThat(sequenceNumbers(post, 21)).containsExactlyElementsOf(range(21, 121)); // one full range, then none
        assertThat(sequenceNumbers(post, 120)).containsExactly(120L);
        assertThat(sequenceNumbers(post, 121)).isEmpty();

        await("a snapshot, taken asynchronously").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                        .param("id", post).query(Long.class).single(), snapshots -> snapshots > 0);
        String snapshot = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry WHERE aggregate_identifier = :id
                        ORDER BY sequence_number DESC LIMIT 1""")
                .param("id", post).query(String.class).single();
        assertThat(snapshot).contains(owner.id().toString())
                .doesNotContain(owner.username()); // sealed, as in the events (docs/privacy.md)

        // loaded from the snapshot, the post still knows its likers and its author
        assertThat(fan.client().post("/web/posts/" + post + "/likes", "").json().get("likesCount").asInt()).isEqualTo(1);
        assertThat(fan.client().post("/web/posts/" + post + "/likes", "").json().get("likesCount").asInt()).isEqualTo(1);
        assertThat(fan.client().send("DELETE", "/web/posts/" + post, java.net.http.HttpRequest.BodyPublishers.noBody(),
                Map.of()).status()).isEqualTo(403);
        assertThat(new org.bunnybook.web.support.ApiClient(port).get("/web/posts/" + post).json()
                .get("commentsCount").asInt()).isEqualTo(120);

        // loaded as a command loads it: the snapshot, then the events after it, as Axon's own store reads them
        long events = jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", post).query(Long.class).single();
        assertThat(events).isGreaterThan(100); // more than the engine reads at once
        assertThat(eventStore.getClass().getSimpleName()).isEqualTo("OneReadEventStore");
        EmbeddedEventStore axons = EmbeddedEventStore.builder().storageEngine(storage).build();
        try {
            long snapshotAt = jdbc.sql(
                            "SELECT sequence_number FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                    .param("id", post).query(Long.class).single();
            List<String> fromSnapshot = loaded(eventStore, post);
            assertThat(fromSnapshot).isEqualTo(loaded(axons, post)).hasSize((int) (events - snapshotAt));
            assertThat(fromSnapshot.get(0)).startsWith(snapshotAt + " ");

            // without a snapshot: the first hundred events read with the one query, the rest as Axon reads them
            jdbc.sql("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = :id").param("id", post).update();
            List<String> whole = loaded(eventStore, post);
            assertThat(whole).isEqualTo(loaded(axons, post));
            assertThat(whole.stream().map(event -> Long.parseLong(event.split(" ")[0])).toList())
                    .containsExactlyElementsOf(range(0, events));
        } finally {
            axons.shutDown();
        }
        assertThat(fan.client().post("/web/posts/" + post + "/comments", Map.of("content", "still here"))
                .status()).isEqualTo(201);
        assertThat(new org.bunnybook.web.support.ApiClient(port).get("/web/posts/" + post).json()
                .get("commentsCount").asInt()).isEqualTo(121); // loaded from its events alone, it still decides
    }

    /** Each message an event store reads for an aggregate: its sequence number, identifier and payload's type. */
    private static List<String> loaded(EventStore store, String aggregate) {
        return store.readEvents(aggregate).asStream()
                .map(event -> event.getSequenceNumber() + " " + event.getIdentifier() + " " + event.getPayloadType())
                .toList();
    }

    private List<Long> sequenceNumbers(String aggregate, long from) {
        return storage.readEvents(aggregate, from).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
