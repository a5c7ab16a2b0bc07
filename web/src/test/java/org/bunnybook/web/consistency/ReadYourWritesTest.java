package org.bunnybook.web.consistency;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.platform.processing.AwaitedGroups;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a command request returns, the read models it named already hold its effect, although they are built
 * asynchronously: checked straight in the read model's table, the moment the response arrives.
 */
@BunnybookTest
class ReadYourWritesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore events;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    AwaitedGroups awaitedGroups;

    @Autowired
    CommandBus commandBus;

    /** The serializer the token store writes tokens with. */
    @Autowired
    Serializer serializer;

    @Test
    void theAccountsReadModelHoldsEveryRegistrationByTheTimeItIsAcknowledged() {
        ApiClient client = new ApiClient(port);
        for (int i = 0; i < 25; i++) {
            String username = Members.uniqueName("Ryw");
            var response = client.post("/web/register", Map.of("username", username,
                    "email", username + "@ryw.test", "password", Members.PASSWORD));
            assertThat(response.status()).isEqualTo(201);
            UUID id = UUID.fromString(response.json().get("id").asText());
            assertThat(jdbc.sql("SELECT count(*) FROM accounts WHERE profile_id = :id").param("id", id)
                    .query(Long.class).single()).as("registration %d", i).isEqualTo(1);
        }
    }

    @Test
    void theAccountsTokenHasPassedTheCommandsEventsWhenTheResponseArrives() {
        String username = Members.uniqueName("Token");
        var response = new ApiClient(port).post("/web/register", Map.of("username", username,
                "email", username + "@ryw.test", "password", Members.PASSWORD));
        assertThat(response.status()).isEqualTo(201);
        // the tokens as they are the moment the response arrives, before anything else gives the group more time
        List<Map<String, Object>> tokens = jdbc.sql("""
                        SELECT segment, token, token_type FROM token_entry WHERE processor_name = :group
                        ORDER BY segment""")
                .param("group", ReadModels.ACCOUNTS).query().listOfRows();
        DomainEventMessage<?> registered = events.readEvents(response.json().get("id").asText()).next();
        long position = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = :id")
                .param("id", registered.getIdentifier()).query(Long.class).single();

        // the one segment of the group that handles the event, as the group's sequencing policy assigns it
        int[] segmentIds = tokens.stream().mapToInt(row -> (Integer) row.get("segment")).toArray();
        AbstractEventProcessor accounts = processing.eventProcessorByProcessingGroup(ReadModels.ACCOUNTS,
                AbstractEventProcessor.class).orElseThrow();
        List<Map<String, Object>> handling = tokens.stream()
                .filter(row -> accounts.eventHandlerInvoker().canHandle(registered,
                        Segment.computeSegment((Integer) row.get("segment"), segmentIds)))
                .toList();
        assertThat(handling).as("segments of %s handling the registration", ReadModels.ACCOUNTS).hasSize(1);
        Object segment = handling.get(0).get("segment");

        // its stored token is at or past the event, and the event is not one of the gaps it may still fill
        byte[] serialized = (byte[]) handling.get(0).get("token");
        assertThat(serialized).as("token of segment %s", segment).isNotNull();
        TrackingToken stored = WrappedToken.unwrapLowerBound(serializer.deserialize(new SimpleSerializedObject<>(
                serialized, byte[].class, (String) handling.get(0).get("token_type"), null)));
        assertThat(stored).as("token of segment %s", segment).isInstanceOf(GapAwareTrackingToken.class);
        GapAwareTrackingToken token = (GapAwareTrackingToken) stored;
        assertThat(token.getIndex()).as("index of segment %s", segment).isGreaterThanOrEqualTo(position);
        assertThat(token.getGaps()).as("gaps of segment %s", segment).doesNotContain(position);
    }

    @Test
    void aReadModelThatStoppedMovingIsNotWaitedForAndTheAnswerSaysSo() throws InterruptedException {
        Members.Member member = Members.register(port, "Stalled");
        // the feed cache, which FeedTimelinesTest rebuilds: a node starts a group again for a minute after its
        // rebuild ended, so a rebuild ended lately is dated back, and a few polls' time lets one that read it finish
        int datedBack = jdbc.sql("UPDATE projection_rebuilds SET finished_at = finished_at - interval '1 hour'"
                        + " WHERE processing_group = :group AND finished_at > now() - interval '2 minutes'")
                .param("group", ReadModels.FEED_CACHE).update();
        if (datedBack > 0) {
            Thread.sleep(1_000);
        }
        StreamingEventProcessor feedCache = processing
                .eventProcessor(ReadModels.FEED_CACHE, StreamingEventProcessor.class).orElseThrow();
        feedCache.shutDown();
        ApiClient.Response response;
        Duration took;
        try {
            long started = System.nanoTime();
            response = member.client().post("/web/posts", Map.of("content", "while the feed cache is down"));
            took = Duration.ofNanos(System.nanoTime() - started);
        } finally {
            feedCache.start();
        }
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.header("Bunnybook-Read-Models-Behind")).isEqualTo(ReadModels.FEED_CACHE);
        assertThat(took).as("answered once the feed cache stalled (3 s), before the 5 s timeout")
                .isLessThan(Duration.ofMillis(4_500));
        String post = response.json().get("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(member.client().get("/web/feed").text()).contains(post));
    }

    /**
     * The event source tells the streams of awaited processors of a commit at once, the others' a moment later
     * (PromptEventSourceTest): a write's request must say which ones it waits for before its command is sent.
     */
    @Test
    void aWriteSaysWhichReadModelsItWaitsForBeforeItsCommandIsSentUntilItIsAnswered() {
        Members.Member member = Members.register(port, "Awaiting");
        AtomicBoolean postSent = new AtomicBoolean();
        Set<String> awaited = ConcurrentHashMap.newKeySet();
        Set<String> awaitedAfterThePostWasSent = ConcurrentHashMap.newKeySet();
        Registration sending = commandBus.registerDispatchInterceptor(commands -> (index, command) -> {
            if (command.getPayload() instanceof CreatePost post && post.authorId().equals(member.id())) {
                postSent.set(true);
            }
            return command;
        });
        Runnable listening = awaitedGroups.onAwaited(processor -> {
            awaited.add(processor);
            if (postSent.get()) {
                awaitedAfterThePostWasSent.add(processor);
            }
        });
        ApiClient.Response response;
        try {
            response = member.client().post("/web/posts", Map.of("content", "wait for me"));
        } finally {
            listening.run();
            sending.cancel();
        }
        assertThat(response.status()).isEqualTo(201);
        assertThat(postSent).isTrue();
        assertThat(awaited).contains(ReadModels.WALLS, ReadModels.FEED_CACHE);
        assertThat(awaitedAfterThePostWasSent).isEmpty();
        assertThat(awaitedGroups.isAwaited(ReadModels.WALLS)).as("no longer, once answered").isFalse();
        assertThat(awaitedGroups.isAwaited(ReadModels.FEED_CACHE)).as("no longer, once answered").isFalse();
    }

    @Test
    void anAnswerWhoseReadModelsCaughtUpSaysNothingIsBehind() {
        Members.Member member = Members.register(port, "CaughtUp");
        ApiClient.Response response = member.client().post("/web/posts", Map.of("content", "all is well"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Bunnybook-Read-Models-Behind")).isNull();
    }
}
