package org.bunnybook.web.post;

import org.bunnybook.web.support.Pacing;
import org.awaitility.Awaitility;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bunnybook.platform.redis.RedisCircuit;
import org.bunnybook.query.cache.GenerationalCache;
import org.bunnybook.query.cache.OwedRetirements;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Latches;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.befriend;

/**
 * Posts are cached aside in Redis with the members who like them, retired exactly when they change, and loaded once
 * per miss; a feed page is read with them, each reader seeing their own likes.
 */
@BunnybookTest
class ReadCachesTest {

    private static final int READERS = 16;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ObjectMapper json;

    @Autowired
    RedisCircuit circuit;

    @Autowired
    OwedRetirements owed;

    private double count(String meter, String cache) {
        return meters.counter(meter, "cache", cache).count();
    }

    @Test
    void aCachedPostChangesExactlyWhenItsCommentsLikesOrExistenceDo() {
        Member owner = Members.register(port, "Cached");
        Member fan = Members.register(port, "Cached");
        String id = Posts.write(owner, owner, "cache me", "PUBLIC");
        ApiClient anonymous = new ApiClient(port);
        anonymous.get("/web/posts/" + id);
        double hits = count("bunnybook.cache.hits", "posts");
        assertThat(anonymous.get("/web/posts/" + id).json().get("likesCount").asInt()).isZero();
        assertThat(count("bunnybook.cache.hits", "posts")).as("read from the cache").isGreaterThan(hits);

        assertThat(fan.client().post("/web/posts/" + id + "/likes", "").status()).isEqualTo(200);
        assertThat(anonymous.get("/web/posts/" + id).json().get("likesCount").asInt()).isEqualTo(1);
        assertThat(fan.client().get("/web/posts/" + id).json().get("likedByMe").asBoolean()).isTrue();
        assertThat(owner.client().get("/web/posts/" + id).json().get("likedByMe").asBoolean()).isFalse();

        assertThat(fan.client().post("/web/posts/" + id + "/comments", Map.of("content", "nice")).status())
                .isEqualTo(201);
        assertThat(anonymous.get("/web/posts/" + id).json().get("commentsCount").asInt()).isEqualTo(1);

        Posts.delete(owner, id);
        assertThat(anonymous.get("/web/posts/" + id).status()).isEqualTo(404);
        assertThat(owner.client().send("DELETE", "/web/posts/" + id, BodyPublishers.noBody(), Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void aCachedFeedShowsEachReadersOwnLikesAndEveryChangeAtOnce() {
        Member owner = Members.register(port, "Fed");
        Member friend = Members.register(port, "Fed");
        befriend(owner, friend);
        String id = Posts.write(owner, owner, "in two feeds", "FRIENDS");
        // pages of sizes this node has kept no copy of are read through the page's script and the posts cache (a
        // page read again is the node's copy: FeedTimelinesTest)
        feed(friend, 10);
        double hits = count("bunnybook.cache.hits", "posts");
        assertThat(feed(friend, 9).get(0).get("likedByMe").asBoolean()).isFalse();
        assertThat(count("bunnybook.cache.hits", "posts")).as("read from the cache").isGreaterThan(hits);

        assertThat(friend.client().post("/web/posts/" + id + "/likes", "").status()).isEqualTo(200);
        for (int read = 0; read < 2; read++) { // loaded (unless the like's answer filed it), then cached
            double before = count("bunnybook.cache.hits", "posts");
            JsonNode friends = feed(friend, 8 - read);
            assertThat(friends.get(0).get("likedByMe").asBoolean()).isTrue();
            assertThat(friends.get(0).get("likesCount").asInt()).isEqualTo(1);
            assertThat(feed(owner, 8 - read).get(0).get("likedByMe").asBoolean()).isFalse();
            if (read == 1) {
                assertThat(count("bunnybook.cache.hits", "posts")).as("each reader's like read with the cached post")
                        .isGreaterThanOrEqualTo(before + 2);
            }
        }

        assertThat(owner.client().post("/web/posts/" + id + "/comments", Map.of("content", "mine")).status())
                .isEqualTo(201);
        assertThat(feed(friend).get(0).get("commentsCount").asInt()).isEqualTo(1);
        assertThat(friend.client().send("DELETE", "/web/posts/" + id + "/likes", BodyPublishers.noBody(), Map.of())
                .status()).isEqualTo(200);
        assertThat(feed(friend).get(0).get("likedByMe").asBoolean()).isFalse();
        assertThat(feed(friend).get(0).get("likesCount").asInt()).isZero();

        Posts.delete(owner, id);
        assertThat(feed(friend).size()).isZero();
        assertThat(feed(owner).size()).isZero();
    }

    @Test
    void concurrentMissesOfOnePostLoadItOnce() throws Exception {
        Member owner = Members.register(port, "Crowded");
        String id = Posts.write(owner, owner, "popular", "PUBLIC"); // answered with the post: now cached
        assertThat(owner.client().post("/web/posts/" + id + "/comments", Map.of("content", "retires it")).status())
                .isEqualTo(201);
        // the comment holds the post (readers go around the cache) until its transaction has fully ended
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> !redis.hasKey("posts:holds:" + id));
        double loads = count("bunnybook.cache.loads", "posts");
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                statuses.add(CompletableFuture.supplyAsync(() -> {
                    Latches.await(start);
                    return new ApiClient(port).get("/web/posts/" + id).status();
                }, readers));
            }
            start.countDown();
            assertThat(statuses.stream().map(CompletableFuture::join)).containsOnly(200);
        } finally {
            readers.shutdownNow();
        }
        assertThat(count("bunnybook.cache.loads", "posts") - loads).isEqualTo(1);
    }

    /** Misses held up in the loader show that the others wait for it instead of loading too. */
    @Test
    void missesOfOneKeyWaitForTheOneLoadingIt() {
        GenerationalCache cache = new GenerationalCache("stampede-" + UUID.randomUUID(), Duration.ofMinutes(1), redis,
                circuit, owed, json, new SimpleMeterRegistry());
        AtomicInteger loads = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<CompletableFuture<String>> answers = IntStream.range(0, READERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        String one = cache.get("answer", List.of("subject"), new TypeReference<String>() {
                        }, () -> {
                            loads.incrementAndGet();
                            Pacing.letPass(Duration.ofMillis(500)); // long enough for every reader to miss meanwhile
                            return "forty-two";
                        });
                        return one;
                    }, readers))
                    .toList();
            assertThat(answers.stream().map(CompletableFuture::join).collect(Collectors.toSet()))
                    .isEqualTo(Set.of("forty-two"));
        } finally {
            readers.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    private static JsonNode feed(Member member) {
        return member.client().get("/web/feed").json();
    }

    private static JsonNode feed(Member member, int limit) {
        return member.client().get("/web/feed?limit=" + limit).json();
    }
}
