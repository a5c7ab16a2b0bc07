package org.bunnybook.web.post;

import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostView;
import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.query.wall.WallStore;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.RedisOutages;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Rebuilds;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.befriend;
import static org.bunnybook.web.support.Friends.unfriend;
import static org.awaitility.Awaitility.await;

/**
 * The home feed comes from the Redis timelines when they certainly hold the page, and from PostgreSQL otherwise;
 * either way it is the same feed. (The test profile keeps 12 posts per timeline, so paging goes past them.)
 */
@BunnybookTest
class FeedTimelinesTest {

    /** Present while the timelines keep the members' blocks too. */
    private static final String BLOCKS_KEPT = "feed:blocks-kept";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WallStore postgres;

    @Autowired
    StringRedisTemplate redisTemplate;

    @Autowired
    ProjectionFixture projections;

    private double pagesFromTimelines() {
        return meters.counter("bunnybook.feed.pages", "source", "timeline").count();
    }

    private double pagesFromPostgres() {
        return meters.counter("bunnybook.feed.pages", "source", "postgres").count();
    }

    /** The whole feed as PostgreSQL alone answers it. */
    private List<String> feedInPostgres(Member member) {
        List<String> contents = new ArrayList<>();
        PageAfter page = new PageAfter(null, null, 20);
        while (true) {
            List<PostView> posts = postgres.feed(member.id(), page);
            posts.forEach(post -> contents.add(post.content()));
            if (posts.size() < page.limit()) {
                return contents;
            }
            PostView last = posts.get(posts.size() - 1);
            page = new PageAfter(last.createdAt(), last.id(), page.limit());
        }
    }

    private void assertFeed(Member member, String... newestFirst) {
        assertThat(Posts.wholeFeed(member, 5)).containsExactly(newestFirst);
        assertThat(feedInPostgres(member)).containsExactly(newestFirst);
    }

    /**
     * The timelines are rebuilt in place (forgotten, then replayed): a member reading the whole time gets the whole
     * feed, from PostgreSQL, until the replay is over, and from the timelines again after it.
     */
    @Test
    void whileTheTimelinesAreRebuiltTheWholeFeedComesFromPostgres() throws Exception {
        Member me = Members.register(port, "Rebuilt");
        Member friend = Members.register(port, "Rebuilt");
        befriend(me, friend);
        for (int i = 0; i < 10; i++) {
            Posts.write(friend, friend, "rebuilt " + i, "PUBLIC");
        }
        // history enough for the replay to last a while: others' posts, appended at once
        projections.postsOnOwnWalls(3_000, "elsewhere").handledBy(ReadModels.FEED_CACHE);
        List<String> feedBefore = Posts.wholeFeed(me, 5);
        assertThat(feedBefore).hasSize(10);

        List<String> wrong = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    List<String> feed = Posts.wholeFeed(me, 5);
                    reads.incrementAndGet();
                    if (!feed.equals(feedBefore)) {
                        wrong.add(feed.toString());
                    }
                } catch (AssertionError | RuntimeException e) {
                    wrong.add(e.toString());
                }
            }
        });
        double fromPostgres = pagesFromPostgres();
        reader.start();
        try {
            Rebuilds.rebuild(Staff.admin(port), ReadModels.FEED_CACHE);
        } finally {
            reading.set(false);
            reader.join();
        }

        assertThat(wrong).as("feeds read while the timelines were rebuilt").isEmpty();
        assertThat(reads).hasPositiveValue();
        assertThat(pagesFromPostgres()).as("read from PostgreSQL meanwhile").isGreaterThan(fromPostgres);
        await("the feed served from the timelines again").atMost(Duration.ofSeconds(10)).until(() -> {
            double before = pagesFromTimelines();
            assertThat(Posts.wholeFeed(me, 5)).isEqualTo(feedBefore);
            return pagesFromTimelines() > before;
        });
    }

    @Test
    void pagesTheTimelineHoldsComeFromRedisAndTheRestFromPostgres() {
        Member me = Members.register(port, "Timeline");
        Member friend = Members.register(port, "Timeline");
        befriend(me, friend);
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String content = "post " + i;
            Posts.write(i % 2 == 0 ? me : friend, i % 3 == 0 ? friend : me, content, i % 4 == 0 ? "FRIENDS" : "PUBLIC");
            newestFirst.add(0, content);
        }
        double before = pagesFromTimelines();
        assertFeed(me, newestFirst.toArray(String[]::new));
        // 16 posts in pages of 5: the first two pages lie within the 12 kept, the last two below them
        assertThat(pagesFromTimelines() - before).isEqualTo(2);
    }

    @Test
    void theFeedStaysTheSameWhenRedisStopsAndCatchesUpWhenItReturns() {
        EmbeddedRedisServer redis = RedisOutages.embeddedRedis();

        Member me = Members.register(port, "Steady");
        Member pal = Members.register(port, "Steady");
        Member other = Members.register(port, "Steady");
        befriend(me, pal);
        String mine = Posts.write(me, me, "mine", "PUBLIC");
        Posts.write(pal, pal, "pal's", "FRIENDS");
        Posts.write(other, other, "other's", "PUBLIC");
        Posts.write(pal, me, "pal on my wall", "PUBLIC");
        double before = pagesFromTimelines();
        assertFeed(me, "pal on my wall", "pal's", "mine");
        assertThat(pagesFromTimelines()).as("served from the timeline").isGreaterThan(before);

        redis.stop();
        try {
            assertFeed(me, "pal on my wall", "pal's", "mine");
            Posts.write(pal, pal, "pal while Redis is away", "PUBLIC");
            assertFeed(me, "pal while Redis is away", "pal on my wall", "pal's", "mine");
            Posts.delete(me, mine);
            befriend(me, other);
            assertFeed(me, "pal while Redis is away", "pal on my wall", "other's", "pal's");
            unfriend(me, pal);
            assertFeed(me, "pal on my wall", "other's");
        } finally {
            RedisOutages.restart(redis, redisTemplate);
        }

        // right away the same feed (from PostgreSQL while the parked timeline changes wait for their retry) ...
        assertFeed(me, "pal on my wall", "other's");
        // ... and soon from the timelines again, which have caught up with everything that happened meanwhile
        double after = pagesFromTimelines();
        await("served from the timelines again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertFeed(me, "pal on my wall", "other's");
                    assertThat(pagesFromTimelines()).isGreaterThan(after);
                });
        assertFeed(me, "pal on my wall", "other's");
        assertFeed(pal, "pal while Redis is away", "pal's");
    }

    @Test
    void pagesLeaveOutPostsAcrossABlockWhetherRedisKeepsTheBlocksOrNot() {
        Member me = Members.register(port, "Blocking");
        Member pest = Members.register(port, "Blocking");
        Member mutual = Members.register(port, "Blocking");
        befriend(me, mutual);
        befriend(pest, mutual);
        Posts.write(pest, mutual, "pest on the mutual wall", "PUBLIC");
        Posts.write(me, mutual, "mine on the mutual wall", "PUBLIC");
        Posts.write(mutual, mutual, "the mutual friend's own", "PUBLIC");
        assertFeed(me, "the mutual friend's own", "mine on the mutual wall", "pest on the mutual wall");

        assertThat(block(me, pest)).isEqualTo(204);

        // the timelines keep both sides of the block, read with the page in its round trip
        assertThat(redisTemplate.opsForSet().members("feed:blocks:" + me.id())).containsExactly(">" + pest.id());
        assertThat(redisTemplate.opsForSet().members("feed:blocks:" + pest.id())).containsExactly("<" + me.id());
        assertFeed(me, "the mutual friend's own", "mine on the mutual wall");
        assertFeed(pest, "the mutual friend's own", "pest on the mutual wall");
        // timelines kept since before blocks were kept with them: the blocks come from PostgreSQL
        String kept = redisTemplate.opsForValue().get(BLOCKS_KEPT);
        redisTemplate.delete(BLOCKS_KEPT);
        try {
            assertFeed(me, "the mutual friend's own", "mine on the mutual wall");
            assertFeed(pest, "the mutual friend's own", "pest on the mutual wall");
        } finally {
            redisTemplate.opsForValue().set(BLOCKS_KEPT, kept);
        }

        assertThat(pest.client().send("PUT", "/web/profiles/" + pest.id() + "/blocks/" + me.id(),
                BodyPublishers.noBody(), Map.of()).status()).isEqualTo(204);
        assertThat(me.client().send("DELETE", "/web/profiles/" + me.id() + "/blocks/" + pest.id(),
                BodyPublishers.noBody(), Map.of()).status()).isEqualTo(204);
        await("the lifted block leaves the timelines").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(redisTemplate.opsForSet().members("feed:blocks:" + me.id()))
                        .containsExactly("<" + pest.id()));
        assertFeed(me, "the mutual friend's own", "mine on the mutual wall"); // the other block still stands
    }

    private static int block(Member me, Member other) {
        return me.client().send("PUT", "/web/profiles/" + me.id() + "/blocks/" + other.id(), BodyPublishers.noBody(),
                Map.of()).status();
    }
}
