package org.bunnybook.web.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.FriendRequestSent;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.platform.eventstore.EventStoreHead;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.processing.AwaitedGroups;
import org.bunnybook.platform.command.RequestOrigin;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Given events, then a read model, in the whole application: appends events (api-contracts records) to the real event
 * store as if aggregates had applied them, and waits until a processing group has handled them, so that a test can
 * read what it built. (Query-side's {@code @ReadModelTest} gives events to one projection, without the application.)
 * <pre>
 * projections.given("Post", post, new PostCreated(...), new PostLiked(...))
 *         .and("Post", other, new PostCreated(...))
 *         .handledBy(ReadModels.LEADERBOARD);
 * </pre>
 * Every projection sees these events, as it would in production; give fresh random ids, so that they touch nothing
 * another test reads. An aggregate's events are numbered from 0 and the store refuses a sequence number twice, so
 * each aggregate id must be new.
 */
@Component
public class ProjectionFixture {

    /** Longer than a request would wait: the group may still be working through other tests' events. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A replay goes through every event of the run so far. */
    private static final Duration REPLAY_PATIENCE = Duration.ofSeconds(60);

    private final EventStore eventStore;
    private final ReadYourWrites readYourWrites;
    private final EventProcessingConfiguration processing;
    private final EventStoreTables tables;
    private final EventStoreHead head;

    ProjectionFixture(EventStore eventStore, ReadYourWrites readYourWrites, EventProcessingConfiguration processing,
                      EventStoreTables tables, EventStoreHead head) {
        this.eventStore = eventStore;
        this.readYourWrites = readYourWrites;
        this.processing = processing;
        this.tables = tables;
        this.head = head;
    }

    /** Starts a history with {@code events}, applied in this order by the aggregate {@code aggregateId}. */
    public History given(String aggregateType, UUID aggregateId, Object... events) {
        return new History().and(aggregateType, aggregateId, events);
    }

    /**
     * A history of {@code count} public posts, each by a member of its own on their own wall ("{@code content} i"):
     * bulk for a replay to work through, appended at once rather than written through HTTP one by one.
     */
    public History postsOnOwnWalls(int count, String content) {
        History posts = new History();
        for (int i = 0; i < count; i++) {
            UUID member = UUID.randomUUID();
            PostCreated post = new PostCreated(UUID.randomUUID(), member, "Other", member, content + " " + i,
                    Privacy.PUBLIC);
            posts.and("Post", post.postId(), post);
        }
        return posts;
    }

    /**
     * A history of {@code count} friendships, each between two members met nowhere else (named "{@code name}i" and
     * "{@code name}i-friend"), requested and accepted: bulk for a replay of the social graph to work through.
     */
    public History friendshipsBetweenStrangers(int count, String name) {
        History friendships = new History();
        for (int i = 0; i < count; i++) {
            UUID requester = UUID.randomUUID();
            UUID target = UUID.randomUUID();
            String friendship = FriendshipId.of(requester, target);
            friendships.and("Friendship", friendship,
                    new FriendRequestSent(friendship, requester, name + i, target, name + i + "-friend"),
                    new FriendRequestAccepted(friendship, requester, name + i, target, name + i + "-friend"));
        }
        return friendships;
    }

    /**
     * Makes a processing group look newly deployed: stops its processor, deletes its tokens, runs
     * {@code whileStopped} (typically emptying the read model's tables), and starts it again, so that it builds its
     * read model from the first event on. Wait for that with {@link #awaitCaughtUp}.
     */
    public void redeploy(String group, Runnable whileStopped) {
        StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no streaming processor for " + group));
        processor.shutDown();
        try {
            tables.deleteTokens(group);
            whileStopped.run();
        } finally {
            processor.start();
        }
    }

    /**
     * Waits until {@code readModel} has worked through the whole event store as it is now: every segment caught up,
     * at or past the store's newest event and, after a reset or a first start, past the head it is replaying to. For
     * rebuilds, which {@link History#handledBy} does not wait for, and for groups a command does not wait for. The
     * group is told of new events at once meanwhile, as for a request waiting for it: a segment stays "caught up"
     * between batches, so only its position says it has seen the newest events.
     */
    public void awaitCaughtUp(String readModel) {
        StreamingEventProcessor processor = processing.eventProcessor(readModel, StreamingEventProcessor.class)
                .orElseThrow();
        long newest = head.position();
        try (AwaitedGroups.Awaiting hurried = readYourWrites.expecting(readModel)) {
            await().alias(readModel + " catching up").atMost(REPLAY_PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> caughtUp(processor.processingStatus(), newest));
        }
    }

    /**
     * Waits until every processing group running here has worked through the event store as it is now, each segment
     * claimed by this application: for a test that let another node hold some of them (the tests after it share this
     * application, and a command of theirs would wait for a segment no one was running yet).
     */
    public void awaitEveryGroupCaughtUp() {
        processing.eventProcessors().forEach((group, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                awaitCaughtUp(group);
            }
        });
    }

    private static boolean caughtUp(Map<Integer, EventTrackerStatus> status, long newest) {
        // Every segment must be claimed: one whose batch failed (a deadlock between segments is retried) is
        // released for a while and missing here, although the rest look caught up.
        double claimed = status.values().stream()
                .mapToDouble(segment -> 1.0 / (segment.getSegment().getMask() + 1)).sum();
        // a replay is over once a segment has reached the position it was reset at
        return claimed > 0.999 && status.values().stream().allMatch(segment -> segment.isCaughtUp()
                && segment.getCurrentPosition().orElse(-1) >= Math.max(newest,
                segment.getResetPosition().orElse(-1)));
    }

    public final class History {

        private final List<DomainEventMessage<?>> events = new ArrayList<>();
        private final Map<String, Long> nextSequence = new HashMap<>();
        // the whole origin every stored event carries (EventMetadataTest checks the store for it)
        private final MetaData origin = MetaData.with(RequestOrigin.ACTOR, RequestOrigin.SYSTEM)
                .and(RequestOrigin.CORRELATION_ID, UUID.randomUUID().toString())
                .and(RequestOrigin.CAUSATION_ID, UUID.randomUUID().toString());

        private History() {
        }

        /** More events, after those given so far; an aggregate given before goes on from its last sequence number. */
        public History and(String aggregateType, UUID aggregateId, Object... payloads) {
            return and(aggregateType, aggregateId.toString(), payloads);
        }

        /** More events of an aggregate whose id is not a UUID (a friendship's names its pair). */
        public History and(String aggregateType, String aggregateId, Object... payloads) {
            for (Object payload : payloads) {
                long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
                events.add(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, origin));
            }
            return this;
        }

        /** Appends the history in one transaction, then waits until every one of {@code readModels} has handled it. */
        public void handledBy(String... readModels) {
            append();
            assertThat(readYourWrites.awaitProjections(events, PATIENCE, readModels))
                    .as("%s handled the given events within %s", List.of(readModels), PATIENCE)
                    .isTrue();
        }

        /**
         * Appends the history in one transaction, without waiting: for more than read-your-writes waits for (it
         * gives up on a group whose batch takes seconds), then waited for with {@link #awaitCaughtUp}.
         */
        public void append() {
            eventStore.publish(events); // outside a unit of work: stored at once, in one transaction of its own
        }
    }
}
