package org.bunnybook.web.eventstore;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.query.wall.FeedVersions;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.ProjectionFixture.History;
import org.bunnybook.web.support.RedisOutages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store away for long enough to park the events of thousands of aggregates: the group parks them all and goes on
 * (Axon's own queue would be full after 1,024 sequences and halt it), and once the store is back every parked event
 * reaches the read model. The feed-cache group writes Redis alone, so a Redis outage parks every post there.
 */
@BunnybookTest
class LongOutageTest {

    /** More distinct aggregates than Axon's default bound of 1,024 parked sequences, with room to spare. */
    private static final int POSTS = 2_100;

    @Autowired
    ProjectionFixture projections;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aGroupParksTheEventsOfThousandsOfAggregatesWhileRedisIsAwayAndHealsWhenItReturns() {
        EmbeddedRedisServer redisServer = RedisOutages.embeddedRedis();
        StreamingEventProcessor feedCache = processing
                .eventProcessor(ReadModels.FEED_CACHE, StreamingEventProcessor.class).orElseThrow();
        SequencedDeadLetterQueue<EventMessage<?>> parked =
                processing.deadLetterQueue(ReadModels.FEED_CACHE).orElseThrow();
        List<PostCreated> posts = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            UUID member = UUID.randomUUID(); // each post on a wall of its own, so that Redis shows every one
            posts.add(new PostCreated(UUID.randomUUID(), member, "Outage", member, "while Redis is away " + i,
                    Privacy.PUBLIC));
        }

        redisServer.stop();
        try {
            History history = projections.given("Post", posts.get(0).postId(), posts.get(0));
            posts.subList(1, POSTS).forEach(post -> history.and("Post", post.postId(), post));
            history.handledBy(); // appended at once; what the feed cache does with them is awaited here
            await("every post parked in the feed cache").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(parkedSequences(posts)).isEqualTo(POSTS));
            await("the feed cache past every post").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> running(feedCache) && feedCache.processingStatus().values().stream()
                            .allMatch(EventTrackerStatus::isCaughtUp));
            assertThat(parked.amountOfSequences()).isGreaterThan(1_024);
        } finally {
            RedisOutages.restart(redisServer, redis);
        }

        await("every parked post processed on retry").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(parkedSequences(posts)).isZero());
        assertThat(running(feedCache)).isTrue();
        assertThat(posts).allSatisfy(post -> assertThat(redis.opsForZSet()
                .range(FeedVersions.liveKey(redis, "timeline:" + post.wallProfileId()), 0, -1))
                .as("the timeline of %s", post.wallProfileId())
                .singleElement().asString().endsWith(":" + post.postId()));
    }

    private long parkedSequences(List<PostCreated> posts) {
        return jdbc.sql("""
                        SELECT count(DISTINCT sequence_identifier) FROM dead_letter_entry
                        WHERE processing_group = :group AND aggregate_identifier IN (:posts)""")
                .param("group", ReadModels.FEED_CACHE)
                .param("posts", posts.stream().map(post -> post.postId().toString()).toList())
                .query(Long.class).single();
    }

    /** Running and not held back by an error in any of its segments. */
    private static boolean running(StreamingEventProcessor processor) {
        return processor.isRunning() && !processor.isError() && processor.processingStatus().values().stream()
                .noneMatch(EventTrackerStatus::isErrorState);
    }
}
