package org.bunnybook.web.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.embedded.EmbeddedNeo4jServer;
import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Neo4jOutages;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.RedisOutages;
import org.bunnybook.web.support.Socket;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bunnybook.web.support.Friends.befriendAndChat;

/**
 * What members can still do while a store is down (RELIABILITY.md, "Degradation"), through HTTP and the socket as a
 * client does it: without Redis everything, slower; without Neo4j everything but graph questions, which answer 503
 * at once. Either way the node stays ready, saying DEGRADED.
 */
@BunnybookTest
class DegradationTest {

    /** A graph question while Neo4j is down is answered within this (refused at once, no retries). */
    private static final Duration AT_ONCE = Duration.ofMillis(1000);

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redisTemplate;

    @Autowired
    Driver neo4jDriver;

    @Test
    void withRedisDownMembersReadPostCommentAndChatAndTheNodeStaysReadyDegraded() {
        EmbeddedRedisServer redis = RedisOutages.embeddedRedis();
        Member me = Members.register(port, "NoRedis");
        Member friend = Members.register(port, "NoRedis");
        UUID chat = befriendAndChat(me, friend);
        String before = Posts.write(friend, friend, "before the outage", "PUBLIC");
        assertThat(me.client().get("/web/posts/" + before).status()).isEqualTo(200); // cached

        try (Socket mine = Socket.open(port, me.client().accessToken())) {
            Instant sent = Instant.now();
            redis.stop();
            try {
                String during = Posts.write(me, me, "during the outage", "PUBLIC");
                assertThat(friend.client().post("/web/posts/" + before + "/comments", Map.of("content", "still here"))
                        .status()).isEqualTo(201);
                assertThat(Posts.wholeFeed(friend, 20)).contains("during the outage", "before the outage");
                JsonNode post = me.client().get("/web/posts/" + before).json();
                assertThat(post.get("commentsCount").asInt()).isEqualTo(1); // not the cached post of before
                assertThat(me.client().get("/web/posts/" + during).status()).isEqualTo(200);
                assertThat(me.client().get("/web/profiles/" + me.id() + "/friends").json()).hasSize(1);

                // a chat message is stored, read, and acknowledged to its sender, whose socket is on this node (pushes
                // across nodes pause: other nodes' clients resume to get what they missed)
                mine.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"no redis\","
                        + "\"clientMessageId\":\"r-1\"}");
                JsonNode acknowledged = mine.await("chat_message",
                        message -> message.get("content").asText().equals("no redis"));
                assertThat(acknowledged.get("clientMessageId").asText()).isEqualTo("r-1");
                await("the message stored").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> friend.client().get("/web/chat/" + chat + "/messages").json().toString()
                                .contains("no redis"));
                mine.forgetSeen();
                mine.send("/app/resume", "{\"since\":\"" + sent + "\"}");
                mine.await("chat_message", message -> message.get("content").asText().equals("no redis"));

                assertReadyButDegraded();
            } finally {
                RedisOutages.restart(redis, redisTemplate);
            }
        }
    }

    @Test
    void withNeo4jDownGraphQuestionsAnswer503AtOnceAndEverythingElseWorks() {
        EmbeddedNeo4jServer neo4j = Neo4jOutages.embeddedNeo4j();
        Member me = Members.register(port, "NoGraph");
        Member friend = Members.register(port, "NoGraph");
        UUID chat = befriendAndChat(me, friend);

        neo4j.stop();
        try {
            for (String question : List.of(
                    "/web/profiles/" + me.id() + "/friend_suggestions",
                    "/web/profiles/" + me.id() + "/connection/" + friend.id(),
                    "/web/profiles/" + me.id() + "/friends/" + friend.id() + "/mutual_friends",
                    "/web/profiles/" + me.id() + "/friend_requests?direction=incoming")) {
                ApiClient.Response answer = atOnce(() -> me.client().get(question));
                assertThat(answer.status()).as(question + ": " + answer.text()).isEqualTo(503);
                assertThat(answer.json().get("detail").asText()).as(question).contains("unavailable");
            }

            Posts.write(me, me, "the graph is away", "PUBLIC");
            assertThat(Posts.wholeFeed(friend, 20)).contains("the graph is away");
            try (Socket mine = Socket.open(port, me.client().accessToken())) {
                mine.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"no graph\","
                        + "\"clientMessageId\":\"n-1\"}");
                mine.await("chat_message", message -> message.get("content").asText().equals("no graph"));
            }
            assertThat(friend.client().get("/web/chat/" + chat + "/messages").json().toString()).contains("no graph");
            assertReadyButDegraded();
        } finally {
            Neo4jOutages.restart(neo4j, neo4jDriver);
        }
    }

    private void assertReadyButDegraded() {
        ApiClient anyone = new ApiClient(port);
        await("readiness saying DEGRADED").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> anyone.get("/readyz").json().path("status").asText().equals("DEGRADED"));
        assertThat(anyone.get("/readyz").status()).isEqualTo(200);
        assertThat(anyone.get("/livez").status()).isEqualTo(200);
    }

    private static ApiClient.Response atOnce(Supplier<ApiClient.Response> request) {
        long started = System.nanoTime();
        ApiClient.Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AT_ONCE);
        return response;
    }
}
