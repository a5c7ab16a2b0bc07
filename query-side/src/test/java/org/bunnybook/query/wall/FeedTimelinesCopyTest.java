package org.bunnybook.query.wall;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.projection.RebuildCopies;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps of a feed-cache rebuild's copy, as the switch takes them ({@code FeedTimelinesTest} rebuilds through the
 * admin API while members read): a swap tried again after its switch failed to commit swaps nothing back, and what is
 * cleared away is never the live version.
 */
@ReadModelTest({FeedTimelinesCopy.class, FeedTimelines.class, WallCaches.class, EventStoreTables.class})
class FeedTimelinesCopyTest {

    /** The live version here: the tests of the live timelines keep theirs under the first one, untouched. */
    private static final String LIVE = "feed.6";
    private static final String LIVE_TIMELINE = LIVE + ":timeline:live-member";

    @Autowired
    FeedTimelinesCopy copy;

    @Autowired
    FeedTimelines timelines;

    @Autowired
    StringRedisTemplate redis;

    @BeforeEach
    void liveTimelines() {
        forgetEveryVersion();
        redis.opsForValue().set(FeedVersions.LIVE, LIVE);
        redis.opsForZSet().add(LIVE_TIMELINE, "000000000000001:post", 0);
    }

    @AfterEach
    void forgetEveryVersion() {
        for (String version : List.of(LIVE, "feed.7", "feed.8")) {
            FeedVersions.delete(redis, version, key -> false);
        }
        redis.delete(List.of(FeedVersions.LIVE, FeedVersions.REBUILD));
    }

    @Test
    void aSwapMakesTheCopyLiveOnceAndTheRetiredVersionIsDeletedAfter() {
        copy.create(7);
        assertThat(copy.leftBehind()).isTrue();
        assertThat(redis.hasKey("feed.7:" + FeedVersions.TIMELINES_KEPT)).as("kept from the start of history").isTrue();
        redis.opsForZSet().add("feed.7:timeline:copied-member", "000000000000002:post", 0);

        assertThat(copy.swapIn(7)).isTrue();
        assertThat(FeedVersions.live(redis)).isEqualTo("feed.7");
        assertThat(copy.leftBehind()).as("swapped in: the version it retired is still there").isTrue();
        // the switch's PostgreSQL transaction failed and is tried again: nothing is swapped back
        assertThat(copy.swapIn(7)).isFalse();
        assertThat(FeedVersions.live(redis)).isEqualTo("feed.7");

        copy.afterSwitch();
        assertThat(redis.hasKey(LIVE_TIMELINE)).as("retired").isFalse();
        assertThat(redis.hasKey("feed.7:timeline:copied-member")).as("live").isTrue();
        assertThat(redis.hasKey(FeedVersions.REBUILD)).isFalse();
        assertThat(copy.leftBehind()).isFalse();
    }

    @Test
    void aCopyIsLostOnlyIfItsRebuildsHashIsGoneNotOnceSwappedIn() {
        copy.create(7);
        assertThat(copy.lost(7)).isFalse();
        assertThat(copy.lost(8)).as("another rebuild's copy").isTrue();
        assertThat(copy.swapIn(7)).isTrue();
        assertThat(copy.lost(7)).as("swapped in by a switch that may yet fail to commit").isFalse();

        copy.create(8);
        redis.delete(FeedVersions.REBUILD); // a Redis that lost it
        assertThat(copy.lost(8)).isTrue();
    }

    @Test
    void aRebuildGivenUpOnAfterItsSwapKeepsTheSwappedInVersion() {
        copy.create(7);
        redis.opsForZSet().add("feed.7:timeline:copied-member", "000000000000002:post", 0);
        assertThat(copy.swapIn(7)).isTrue();
        assertThat(copy.leftBehind()).as("the retired version, to be cleared away").isTrue();

        copy.drop();

        assertThat(copy.leftBehind()).isFalse();
        assertThat(FeedVersions.live(redis)).isEqualTo("feed.7");
        assertThat(redis.hasKey("feed.7:timeline:copied-member")).isTrue();
        assertThat(redis.hasKey(LIVE_TIMELINE)).as("retired").isFalse();
    }

    @Test
    void aNewRebuildClearsAwayACopyGivenUpOnAndNeverTheLiveVersion() {
        copy.create(7);
        redis.opsForZSet().add("feed.7:timeline:half-built", "000000000000002:post", 0);

        copy.create(8);

        assertThat(redis.hasKey("feed.7:timeline:half-built")).isFalse();
        assertThat(redis.hasKey(LIVE_TIMELINE)).isTrue();
        assertThat(copy.leftBehind()).isTrue();
        copy.drop();
        assertThat(copy.leftBehind()).isFalse();
        assertThat(redis.hasKey("feed.8:" + FeedVersions.TIMELINES_KEPT)).isFalse();
        assertThat(FeedVersions.live(redis)).isEqualTo(LIVE);
        assertThat(redis.hasKey(LIVE_TIMELINE)).isTrue();
    }

    @Test
    void theRebuildsProcessorWritesTheCopyUntilItIsSwappedInAndNothingAfter() {
        UUID member = UUID.randomUUID();
        copy.create(7);
        asTheRebuildsProcessor(() -> timelines.posted(member, UUID.randomUUID(), Instant.now()));
        timelines.posted(member, UUID.randomUUID(), Instant.now()); // the live processor
        assertThat(redis.opsForZSet().size("feed.7:timeline:" + member)).isEqualTo(1);
        assertThat(redis.opsForZSet().size(LIVE + ":timeline:" + member)).isEqualTo(1);

        assertThat(copy.swapIn(7)).isTrue();
        // run again after a switch that failed in PostgreSQL: the live processor, where it was, handles this too
        asTheRebuildsProcessor(() -> timelines.posted(member, UUID.randomUUID(), Instant.now()));
        assertThat(redis.opsForZSet().size("feed.7:timeline:" + member)).isEqualTo(1);
        timelines.posted(member, UUID.randomUUID(), Instant.now());
        assertThat(redis.opsForZSet().size("feed.7:timeline:" + member)).isEqualTo(2);
    }

    private static void asTheRebuildsProcessor(Runnable handler) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        RebuildCopies.mark(unitOfWork);
        try {
            handler.run();
        } finally {
            unitOfWork.commit();
        }
    }
}
