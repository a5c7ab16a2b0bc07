package org.bunnybook.web.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.QuietStore;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processing groups read the store through an engine that parses each event's time once, where Axon's parses it
 * at every look; it must hand out the same events, times and tokens as Axon's own engine over the same table, gaps
 * included: a position taken by a transaction that never committed is waited for behind a recent event, not behind
 * an old one (Axon's clock set for the two reads, now and a quarter of an hour later).
 */
@BunnybookTest
class TrackedEventsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStorageEngine engine;

    @Autowired
    ConnectionProvider connections;

    @Autowired
    TransactionManager transactions;

    @Autowired
    EventSchema schema;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    Serializer serializer;

    @Autowired
    org.axonframework.config.Configuration configuration;

    @Test
    void theStoreIsReadWithTheSameEventsTimesAndTokensAsAxonsOwnEngineReadsIt() {
        TrackingToken before = engine.createHeadToken();
        Member member = Members.register(port, "Timely");
        // a position no event will ever have, as a rolled-back append leaves one, just before a post's
        long skipped = jdbc.sql("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))")
                .query(Long.class).single();
        ApiClient.Response posted = member.client().post("/web/posts", Map.of("content", "on time"));
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        QuietStore.await(jdbc); // nothing else appending (a friendship's conversation, say) while the two read
        JdbcEventStorageEngine axons = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .build();

        Instant now = Instant.now();
        List<? extends TrackedEventMessage<?>> recent = readAlike(axons, before, now);
        assertThat(recent).as("the member's and the post's events").hasSizeGreaterThan(1);
        assertThat(afterTheGap(recent, skipped).getGaps()).as("waited for behind a recent event").contains(skipped);
        // the same events, read as if a quarter of an hour had gone by: too old for the positions before them to fill
        List<? extends TrackedEventMessage<?>> old = readAlike(axons, before, now.plus(Duration.ofMinutes(15)));
        assertThat(old).hasSameSizeAs(recent);
        assertThat(afterTheGap(old, skipped).getGaps()).as("not waited for behind an old event").isEmpty();
    }

    /** The events after {@code from} read by both engines, Axon's clock at {@code at}: alike, event by event. */
    private List<? extends TrackedEventMessage<?>> readAlike(JdbcEventStorageEngine axons, TrackingToken from,
                                                            Instant at) {
        Clock real = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(at, ZoneOffset.UTC);
        try {
            List<? extends TrackedEventMessage<?>> ours = engine.readEvents(from, false).toList();
            List<? extends TrackedEventMessage<?>> theirs = axons.readEvents(from, false).toList();
            assertThat(ours).hasSameSizeAs(theirs);
            for (int i = 0; i < theirs.size(); i++) {
                TrackedEventMessage<?> mine = ours.get(i);
                TrackedEventMessage<?> axon = theirs.get(i);
                assertThat(mine.getIdentifier()).as("event %d", i).isEqualTo(axon.getIdentifier());
                assertThat(mine.getTimestamp()).as("time of event %d", i).isEqualTo(axon.getTimestamp());
                // compared whole: a token's equality leaves out the gaps below its truncation
                GapAwareTrackingToken token = (GapAwareTrackingToken) mine.trackingToken();
                GapAwareTrackingToken axonToken = (GapAwareTrackingToken) axon.trackingToken();
                assertThat(token.getIndex()).as("position of event %d", i).isEqualTo(axonToken.getIndex());
                assertThat(token.getGaps()).as("gaps of event %d", i).isEqualTo(axonToken.getGaps());
            }
            return ours;
        } finally {
            GenericEventMessage.clock = real;
        }
    }

    private static GapAwareTrackingToken afterTheGap(List<? extends TrackedEventMessage<?>> events, long skipped) {
        return (GapAwareTrackingToken) events.stream()
                .filter(event -> event.trackingToken().position().orElseThrow() > skipped)
                .findFirst().orElseThrow().trackingToken();
    }
}
