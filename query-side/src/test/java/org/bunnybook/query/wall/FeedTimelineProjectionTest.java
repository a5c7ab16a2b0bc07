package org.bunnybook.query.wall;

import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed timelines in Redis. They are read here as Redis holds them: serving a page from them also asks the event
 * processor whether it has caught up, and this test runs the projection without a processor.
 */
@ReadModelTest({FeedTimelineProjection.class, FeedTimelines.class, WallCaches.class, EventStoreTables.class})
class FeedTimelineProjectionTest {

    /** Posts an hour apart, so that timelines order them by time rather than by id. */
    private static final Instant MORNING = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    ProjectionEvents events;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aPostReachesTheTimelinesOfItsWallsOwnerAndTheirFriendsNewestFirst() {
        List<Bunny> bunnies = Bunny.named("ann", "bob", "cat");
        Bunny ann = bunnies.get(0), bob = bunnies.get(1), cat = bunnies.get(2);
        UUID before = UUID.randomUUID(), after = UUID.randomUUID();
        events.givenAt(hour(1), before, bob.writes(before));
        events.given(ann.friendshipWith(bob), bob.accepts(ann));
        events.givenAt(hour(2), after, bob.writes(after));

        assertThat(timeline(bob)).containsExactly(after, before);
        // a new friend's earlier posts join the timeline too
        assertThat(timeline(ann)).containsExactly(after, before);
        assertThat(timeline(cat)).isEmpty();
    }

    @Test
    void unfriendingTakesTheFormerFriendsPostsOutAndDeletingAPostTakesItOutEverywhere() {
        List<Bunny> bunnies = Bunny.named("dan", "eve");
        Bunny dan = bunnies.get(0), eve = bunnies.get(1);
        UUID dans = UUID.randomUUID(), eves = UUID.randomUUID(), deleted = UUID.randomUUID();
        events.given(dan.friendshipWith(eve), eve.accepts(dan));
        events.givenAt(hour(1), dans, dan.writes(dans));
        events.givenAt(hour(2), eves, eve.writes(eves));
        events.givenAt(hour(3), deleted, eve.writes(deleted), eve.deletes(deleted));
        assertThat(timeline(dan)).containsExactly(eves, dans);

        events.given(dan.friendshipWith(eve), dan.unfriends(eve));

        assertThat(timeline(dan)).containsExactly(dans);
        assertThat(timeline(eve)).containsExactly(eves);
    }

    @Test
    void eventsHandledTwiceLeaveTheSameTimelines() {
        List<Bunny> bunnies = Bunny.named("fay", "gus");
        Bunny fay = bunnies.get(0), gus = bunnies.get(1);
        UUID kept = UUID.randomUUID(), gone = UUID.randomUUID();
        var friendship = events.given(fay.friendshipWith(gus), gus.accepts(fay));
        var posts = events.givenAt(hour(1), kept, fay.writes(kept));
        var deletion = events.givenAt(hour(2), gone, gus.writes(gone), gus.deletes(gone));
        List<UUID> fays = timeline(fay), guss = timeline(gus);
        String fayChanges = changesOf(fay), gusChanges = changesOf(gus);
        assertThat(fayChanges).isNotNull();
        assertThat(gusChanges).isNotNull();

        events.deliver(friendship);
        events.deliver(posts);
        // nothing changed, nothing counted: the nodes' copies of these feeds' pages stay good (FeedPages)
        assertThat(changesOf(fay)).isEqualTo(fayChanges);
        assertThat(changesOf(gus)).isEqualTo(gusChanges);
        events.deliver(deletion);

        assertThat(timeline(fay)).isEqualTo(fays).containsExactly(kept);
        assertThat(timeline(gus)).isEqualTo(guss).containsExactly(kept);
    }

    /**
     * A processor's batch reaches Redis as one script call, its changes applied in their order: the post written and
     * deleted in the batch is gone, the one written after the friendship reaches the new friend.
     */
    @Test
    void aBatchIsAppliedInOneScriptCallInTheOrderOfItsEvents() {
        List<Bunny> bunnies = Bunny.named("ivy", "jon", "kay");
        Bunny ivy = bunnies.get(0), jon = bunnies.get(1), kay = bunnies.get(2);
        UUID kept = UUID.randomUUID(), gone = UUID.randomUUID(), first = UUID.randomUUID();
        // Redis knows the script from here on: a first run by its digest fails and is sent whole, two calls
        events.givenAt(hour(1), first, kay.writes(first));
        List<DomainEventMessage<?>> batch = new ArrayList<>(events.messages(hour(1), ivy.friendshipWith(jon),
                ivy.asksToBefriend(jon), jon.accepts(ivy)));
        batch.addAll(events.messages(hour(2), kept, jon.writes(kept)));
        batch.addAll(events.messages(hour(3), gone, ivy.writes(gone), ivy.deletes(gone)));
        long scriptCalls = scriptCalls();

        events.deliverInOneBatch(batch);

        assertThat(scriptCalls()).isEqualTo(scriptCalls + 1);
        assertThat(timeline(ivy)).containsExactly(kept);
        assertThat(timeline(jon)).containsExactly(kept);
    }

    @Test
    void aResetForgetsEveryTimelineAndKeepsThemAgainFromTheStartOfHistory() {
        Bunny hal = Bunny.named("hal");
        UUID post = UUID.randomUUID();
        events.given(post, hal.writes(post));
        String marker = FeedVersions.liveKey(redis, FeedVersions.TIMELINES_KEPT);
        redis.delete(marker);

        events.reset();

        assertThat(timeline(hal)).isEmpty();
        assertThat(redis.hasKey(marker)).isTrue();
    }

    private static Instant hour(int hours) {
        return MORNING.plus(hours, ChronoUnit.HOURS);
    }

    /** Scripts Redis has run so far (a script is sent once, then run by its digest). */
    private long scriptCalls() {
        Properties stats = Objects.requireNonNull(redis.execute((RedisCallback<Properties>) connection ->
                connection.serverCommands().info("commandstats")));
        return Stream.of("cmdstat_evalsha", "cmdstat_eval").map(stats::getProperty).filter(Objects::nonNull)
                .mapToLong(stat -> Long.parseLong(stat.replaceAll("^calls=(\\d+),.*$", "$1"))).sum();
    }

    /** How many changes the member's timeline has seen, as feed-timelines.lua counts them. */
    private String changesOf(Bunny member) {
        return redis.opsForValue().get(FeedVersions.liveKey(redis, "timeline:" + member.id()) + FeedVersions.CHANGES);
    }

    /** The member's timeline, newest first: entries are "{millis}:{post id}", all with score 0, so ordered by text. */
    private List<UUID> timeline(Bunny member) {
        String timeline = FeedVersions.liveKey(redis, "timeline:" + member.id());
        return Objects.requireNonNull(redis.opsForZSet().reverseRange(timeline, 0, -1)).stream()
                .map(entry -> UUID.fromString(entry.substring(entry.indexOf(':') + 1))).toList();
    }
}
