package org.bunnybook.web.post;

import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostView;
import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.query.wall.FeedVersions;
import org.bunnybook.query.wall.WallStore;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.RedisOutages;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /** How many posts a timeline keeps in the test profile. */
    private static final int TIMELINE_SIZE = 12;

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

    /** Pages served by the timelines: read from them, or found unchanged there since this node kept them. */
    private double pagesFromTimelines() {
        return meters.counter("bunnybook.feed.pages", "source", "timeline").count() + pagesKept();
    }

    private double pagesKept() {
        return meters.counter("bunnybook.feed.pages", "source", "kept").count();
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
     * The timelines are rebuilt beside the live ones, a version of their own in Redis, and swapped in once caught up: a
     * member reading the whole time is served whole from the live timelines while the copy is built (never sent to
     * PostgreSQL), a post lost from the live timeline comes back, what members post meanwhile is in the copy, and
     * nothing of the retired version is left.
     */
    @Test
    void theTimelinesAreRebuiltBesideTheLiveOnesWhichServeTheFeedMeanwhile() throws Exception {
        ApiClient admin = Staff.admin(port);
        // history enough for the copy to be seen part of the way through, before this member's: others' posts
        projections.postsOnOwnWalls(3_000, "elsewhere").handledBy(ReadModels.FEED_CACHE);
        Member me = Members.register(port, "Rebuilt");
        Member friend = Members.register(port, "Rebuilt");
        Member poster = Members.register(port, "Rebuilt");
        befriend(me, friend);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            written.add(Posts.write(friend, friend, "rebuilt " + i, "PUBLIC"));
        }
        projections.awaitCaughtUp(ReadModels.FEED_CACHE);
        List<String> feedBefore = Posts.wholeFeed(me, 5);
        assertThat(feedBefore).hasSize(10);
        String retired = FeedVersions.live(redisTemplate);
        // a post lost from the live timeline, as a bug in the projection's script would leave it (counted as a
        // change: the script counts every change it makes)
        String myTimeline = FeedVersions.liveKey(redisTemplate, "timeline:" + me.id());
        String lost = entryOf(myTimeline, written.get(4));
        redisTemplate.opsForZSet().remove(myTimeline, lost);
        redisTemplate.opsForValue().increment(myTimeline + FeedVersions.CHANGES);
        List<String> damaged = feedBefore.stream().filter(content -> !content.equals("rebuilt 4")).toList();
        assertThat(Posts.wholeFeed(me, 5)).isEqualTo(damaged);

        List<String> wrong = new CopyOnWriteArrayList<>();
        List<String> posted = new CopyOnWriteArrayList<>();
        List<Read> reads = new CopyOnWriteArrayList<>();
        AtomicBoolean going = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (going.get()) {
                try {
                    List<String> feed = Posts.wholeFeed(me, 5);
                    reads.add(new Read(System.nanoTime(), feed));
                    if (!feed.equals(damaged) && !feed.equals(feedBefore)) {
                        wrong.add(feed.toString());
                    }
                } catch (AssertionError | RuntimeException e) {
                    wrong.add(e.toString());
                }
            }
        });
        Thread writer = new Thread(() -> {
            while (going.get()) {
                try {
                    posted.add(Posts.write(poster, poster, "meanwhile " + posted.size(), "PUBLIC"));
                } catch (AssertionError | RuntimeException e) {
                    wrong.add("a post failed: " + e);
                }
            }
        });
        double fromPostgres = pagesFromPostgres();
        double fromTimelines = pagesFromTimelines();
        List<JsonNode> seen = new ArrayList<>();
        double fromPostgresWhileBuilt = -1;
        double fromTimelinesWhileBuilt = -1;
        long builtUntil = 0; // the last moment the rebuild was seen building, not yet switching
        List<String> liveWhileBuilt = new ArrayList<>();
        reader.start();
        writer.start();
        try {
            var requested = admin.post("/web/admin/projections/" + ReadModels.FEED_CACHE + "/rebuild", "");
            assertThat(requested.status()).as(requested.text()).isEqualTo(202);
            assertThat(requested.json().get("besideLive").asBoolean()).isTrue();
            long rebuild = requested.json().get("id").asLong();
            while (true) {
                // taken before the status: what it says held for them too
                long now = System.nanoTime();
                double postgresNow = pagesFromPostgres();
                double timelinesNow = pagesFromTimelines();
                String liveNow = FeedVersions.live(redisTemplate);
                JsonNode status = admin.get("/web/admin/projections/" + ReadModels.FEED_CACHE).json();
                seen.add(status);
                String state = status.get("rebuild").get("state").asText();
                if (status.get("rebuild").get("id").asLong() == rebuild
                        && (state.equals("REQUESTED") || state.equals("BUILDING"))) {
                    fromPostgresWhileBuilt = postgresNow;
                    fromTimelinesWhileBuilt = timelinesNow;
                    builtUntil = now;
                    liveWhileBuilt.add(liveNow);
                }
                if (status.get("rebuild").get("id").asLong() == rebuild && state.equals("FINISHED")) {
                    break;
                }
                assertThat(seen).as("the rebuild finishing within a minute").hasSizeLessThan(3_000);
                Thread.sleep(20);
            }
        } finally {
            going.set(false);
            reader.join();
            writer.join();
        }

        assertThat(wrong).as("feeds read and posts written while the timelines were rebuilt").isEmpty();
        assertThat(seen).anySatisfy(status -> {
            assertThat(status.get("rebuild").get("state").asText()).isEqualTo("BUILDING");
            assertThat(status.get("shadow").get("progress").asDouble()).isStrictlyBetween(0.0, 1.0);
        });
        assertThat(fromPostgresWhileBuilt).as("feed pages read from PostgreSQL while the copy was built")
                .isEqualTo(fromPostgres);
        assertThat(fromTimelinesWhileBuilt).as("feed pages read from the live timelines meanwhile")
                .isGreaterThan(fromTimelines);
        long switching = builtUntil;
        List<List<String>> readWhileBuilt = reads.stream().filter(read -> read.at() < switching).map(Read::feed)
                .toList();
        assertThat(readWhileBuilt).as("feeds read while the copy was built, from the live timelines").isNotEmpty()
                .allSatisfy(feed -> assertThat(feed).isEqualTo(damaged));
        assertThat(liveWhileBuilt).isNotEmpty().allSatisfy(version -> assertThat(version).isEqualTo(retired));
        assertThat(posted).isNotEmpty();

        // the copy is live: the lost post is back, what was posted meanwhile is there, the retired version is gone
        String live = FeedVersions.live(redisTemplate);
        assertThat(live).isNotEqualTo(retired);
        await("the rebuilt feed served from the timelines").atMost(Duration.ofSeconds(10)).until(() -> {
            double before = pagesFromTimelines();
            assertThat(Posts.wholeFeed(me, 5)).isEqualTo(feedBefore);
            return pagesFromTimelines() > before;
        });
        assertThat(redisTemplate.opsForZSet().range(FeedVersions.liveKey(redisTemplate, "timeline:" + me.id()), 0, -1))
                .contains(lost);
        projections.awaitCaughtUp(ReadModels.FEED_CACHE);
        List<String> newest = posted.subList(Math.max(0, posted.size() - TIMELINE_SIZE), posted.size());
        assertThat(redisTemplate.opsForZSet().range(FeedVersions.liveKey(redisTemplate, "timeline:" + poster.id()),
                0, -1)).map(entry -> entry.substring(entry.indexOf(':') + 1))
                .containsExactlyInAnyOrderElementsOf(newest);
        await("the retired timelines deleted").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> keysOf(retired).isEmpty() && !Boolean.TRUE.equals(redisTemplate.hasKey("feed.rebuild")));
    }

    /** A feed as read, and when the read ended. */
    private record Read(long at, List<String> feed) {
    }

    private String entryOf(String timeline, String post) {
        return Objects.requireNonNull(redisTemplate.opsForZSet().range(timeline, 0, -1)).stream()
                .filter(entry -> entry.endsWith(":" + post)).findFirst().orElseThrow();
    }

    private Set<String> keysOf(String version) {
        Set<String> keys = new HashSet<>();
        try (Cursor<String> cursor = redisTemplate.scan(ScanOptions.scanOptions().match(version + ":*").build())) {
            cursor.forEachRemaining(keys::add);
        }
        return keys;
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

    /**
     * A page this node served from Redis is kept here, and served again for as long as Redis finds
     * nothing on it changed: a new post in the timeline, a like, an edit, a comment, a deletion, a new friend, a lost
     * one and a block each show at once.
     */
    @Test
    void aPageKeptHereIsServedUntilAnythingOnItChanges() {
        Member me = Members.register(port, "Kept");
        Member friend = Members.register(port, "Kept");
        befriend(me, friend);
        String first = Posts.write(friend, friend, "first", "PUBLIC");
        String second = Posts.write(friend, me, "second", "PUBLIC");
        assertKeptFeed(me, "second", "first");

        Posts.write(friend, friend, "third", "PUBLIC");
        assertKeptFeed(me, "third", "second", "first");

        assertThat(me.client().post("/web/posts/" + first + "/likes", "").status()).isEqualTo(200);
        JsonNode liked = me.client().get("/web/feed?limit=5").json().get(2);
        assertThat(liked.get("content").asText()).isEqualTo("first");
        assertThat(liked.get("likedByMe").asBoolean()).isTrue();
        assertThat(liked.get("likesCount").asInt()).isEqualTo(1);
        assertKeptFeed(me, "third", "second", "first");

        var edited = friend.client().send("PATCH", "/web/posts/" + second,
                BodyPublishers.ofString(ApiClient.toJson(Map.of("content", "second, edited"))),
                Map.of("Content-Type", "application/json"));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertKeptFeed(me, "third", "second, edited", "first");

        Posts.comment(me, second, "a comment");
        assertThat(me.client().get("/web/feed?limit=5").json().get(1).get("commentsCount").asInt()).isEqualTo(1);
        assertKeptFeed(me, "third", "second, edited", "first");

        Posts.delete(friend, first);
        assertKeptFeed(me, "third", "second, edited");

        Member newFriend = Members.register(port, "Kept");
        Posts.write(newFriend, newFriend, "new friend's", "PUBLIC");
        befriend(me, newFriend);
        assertKeptFeed(me, "new friend's", "third", "second, edited");
        unfriend(me, newFriend);
        assertKeptFeed(me, "third", "second, edited");

        // the friend's post on my wall stays in my timeline across the block: such a page is PostgreSQL's, not kept
        assertThat(block(me, friend)).isEqualTo(204);
        assertThat(Posts.wholeFeed(me, 5)).isEmpty();
        double kept = pagesKept();
        assertThat(Posts.wholeFeed(me, 5)).isEmpty();
        assertThat(pagesKept()).isEqualTo(kept);
    }

    /**
     * The member's first page is the one given, read twice: the first read sees it (changed since it was kept, if it
     * was), the second finds the copy kept by the first unchanged.
     */
    private void assertKeptFeed(Member member, String... newestFirst) {
        assertThat(Posts.wholeFeed(member, 5)).containsExactly(newestFirst);
        double kept = pagesKept();
        assertThat(Posts.wholeFeed(member, 5)).containsExactly(newestFirst);
        assertThat(pagesKept() - kept).as("the second read served from the copy kept by the first").isEqualTo(1);
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
        assertThat(blocksOf(me)).containsExactly(">" + pest.id());
        assertThat(blocksOf(pest)).containsExactly("<" + me.id());
        assertFeed(me, "the mutual friend's own", "mine on the mutual wall");
        assertFeed(pest, "the mutual friend's own", "pest on the mutual wall");
        // timelines kept since before blocks were kept with them: the blocks come from PostgreSQL
        String blocksKept = FeedVersions.liveKey(redisTemplate, FeedVersions.BLOCKS_KEPT);
        String kept = redisTemplate.opsForValue().get(blocksKept);
        redisTemplate.delete(blocksKept);
        try {
            assertFeed(me, "the mutual friend's own", "mine on the mutual wall");
            assertFeed(pest, "the mutual friend's own", "pest on the mutual wall");
        } finally {
            redisTemplate.opsForValue().set(blocksKept, kept);
        }

        assertThat(pest.client().send("PUT", "/web/profiles/" + pest.id() + "/blocks/" + me.id(),
                BodyPublishers.noBody(), Map.of()).status()).isEqualTo(204);
        assertThat(me.client().send("DELETE", "/web/profiles/" + me.id() + "/blocks/" + pest.id(),
                BodyPublishers.noBody(), Map.of()).status()).isEqualTo(204);
        await("the lifted block leaves the timelines").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(blocksOf(me)).containsExactly("<" + pest.id()));
        assertFeed(me, "the mutual friend's own", "mine on the mutual wall"); // the other block still stands
    }

    /** The member's blocks as the live timelines keep them. */
    private Set<String> blocksOf(Member member) {
        return redisTemplate.opsForSet().members(FeedVersions.liveKey(redisTemplate, "blocks:" + member.id()));
    }

    private static int block(Member me, Member other) {
        return me.client().send("PUT", "/web/profiles/" + me.id() + "/blocks/" + other.id(), BodyPublishers.noBody(),
                Map.of()).status();
    }
}
