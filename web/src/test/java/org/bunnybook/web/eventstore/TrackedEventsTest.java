package org.bunnybook.web.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processing groups read the store through an engine that parses each event's time once, where Axon's parses it
 * at every look; it must hand out the same events, times and tokens as Axon's own engine over the same table, gaps
 * included (a position taken by a transaction that never committed is waited for behind a recent event only).
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

    @Test
    void theStoreIsReadWithTheSameEventsTimesAndTokensAsAxonsOwnEngineReadsIt() {
        Member member = Members.register(port, "Timely");
        // a position no event will ever have, as a rolled-back append leaves one, just before a post's
        long skipped = jdbc.sql("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))")
                .query(Long.class).single();
        ApiClient.Response posted = member.client().post("/web/posts", Map.of("content", "on time"));
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        JdbcEventStorageEngine axons = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .build();

        List<? extends TrackedEventMessage<?>> ours = engine.readEvents(null, false).toList();
        List<? extends TrackedEventMessage<?>> theirs = axons.readEvents(null, false).toList();

        assertThat(ours).as("every event of the store").hasSameSizeAs(theirs).hasSizeGreaterThan(1);
        for (int i = 0; i < theirs.size(); i++) {
            TrackedEventMessage<?> mine = ours.get(i);
            TrackedEventMessage<?> axon = theirs.get(i);
            assertThat(mine.getIdentifier()).as("event %d", i).isEqualTo(axon.getIdentifier());
            assertThat(mine.getTimestamp()).as("time of event %d", i).isEqualTo(axon.getTimestamp());
            assertThat(mine.trackingToken()).as("token of event %d", i).isEqualTo(axon.trackingToken());
        }
        GapAwareTrackingToken afterTheGap = (GapAwareTrackingToken) ours.stream()
                .filter(event -> event.trackingToken().position().orElseThrow() > skipped)
                .findFirst().orElseThrow().trackingToken();
        assertThat(afterTheGap.getGaps()).as("the skipped position waited for behind a recent event").contains(skipped);
    }
}
