package org.bunnybook.web.observability;

import org.bunnybook.api.Processes;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bunnybook.web.support.Friends.befriend;

/**
 * What an operator's Prometheus reads at {@code /actuator/prometheus} after members register, befriend, post, like
 * and chat through HTTP and STOMP: every family the dashboard needs, with counts that match the workload.
 */
@BunnybookTest
class MetricsTest {

    /** Every processing group of the application (the test application has a few more of its own). */
    static final List<String> GROUPS = List.of(ReadModels.ACCOUNTS, ReadModels.AVATARS, ReadModels.SOCIAL_GRAPH,
            ReadModels.FRIENDSHIPS, ReadModels.WALLS, ReadModels.FEED_CACHE, ReadModels.NOTIFICATIONS,
            ReadModels.CONVERSATIONS, ReadModels.LEDGER, ReadModels.LEADERBOARD, Processes.CONVERSATION_LIFECYCLE);

    @LocalServerPort
    int port;

    @Test
    void aShortWorkloadShowsInEveryMetricFamily() {
        Scrape before = Scrape.of(port);

        Member writer = Members.register(port, "Metered");
        Member reader = Members.register(port, "Metered");
        befriend(writer, reader);
        String post = Posts.write(writer, writer, "counted once", "FRIENDS");
        assertThat(reader.client().post("/web/posts/" + post + "/likes", "").status()).isEqualTo(200);
        for (int read = 0; read < 3; read++) {
            assertThat(reader.client().get("/web/feed?limit=10").status()).isEqualTo(200);
            assertThat(reader.client().get("/web/posts/" + post).status()).isEqualTo(200);
            assertThat(reader.client().get("/web/profiles/" + writer.id() + "/friends").status()).isEqualTo(200);
        }
        UUID chat = ChatGroupId.of(writer.id(), reader.id());
        try (Socket writerTab = Socket.open(port, writer.client().accessToken());
             Socket readerTab = Socket.open(port, reader.client().accessToken())) {
            writerTab.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"hello\",\"clientMessageId\":\"m-1\"}");
            writerTab.await("chat_message", message -> message.get("content").asText().equals("hello"));
            readerTab.await("chat_message", message -> message.get("content").asText().equals("hello"));

            Scrape during = Scrape.of(port);
            assertThat(during.sum("bunnybook_websocket_sessions")).isGreaterThanOrEqualTo(2);
            Scrape after = await("the read models catching up").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Scrape.of(port), scrape -> GROUPS.stream().allMatch(group ->
                            scrape.sum("bunnybook_processing_lag_events", Map.of("group", group)) == 0
                                    && scrape.sum("bunnybook_processing_lag_seconds", Map.of("group", group)) == 0));

            // requests per route, with latencies
            assertThat(delta(before, after, "http_server_requests_seconds_count",
                    Map.of("method", "POST", "uri", "/web/posts/{id}/likes", "status", "200"))).isEqualTo(1);
            assertThat(delta(before, after, "http_server_requests_seconds_count",
                    Map.of("method", "GET", "uri", "/web/feed"))).isEqualTo(3);
            assertThat(after.has("http_server_requests_seconds_bucket")).isTrue();

            // commands handled, timed per type; the events they appended
            assertThat(delta(before, after, "commandBus_successTimer_seconds_count",
                    Map.of("payloadType", "CreatePost"))).isEqualTo(1);
            assertThat(delta(before, after, "commandBus_successTimer_seconds_count",
                    Map.of("payloadType", "LikePost"))).isEqualTo(1);
            assertThat(delta(before, after, "eventStore_ingestedCounter_total", Map.of()))
                    .isGreaterThanOrEqualTo(7);
            assertThat(delta(before, after, "eventStore_successTimer_seconds_count",
                    Map.of("payloadType", "PostCreated"))).isEqualTo(1);
            // queries answered, timed per type: the three feed pages
            assertThat(delta(before, after, "queryBus_successTimer_seconds_count",
                    Map.of("payloadType", "FindFeed"))).isEqualTo(3);
            assertThat(delta(before, after, "queryBus_processedCounter_total",
                    Map.of("payloadType", "FindFeed"))).isEqualTo(3);
            // the buses' timers keep counts, sums and maxima, made once per type: no quantiles of a node's own
            // (they could not be added up across nodes), no capacity gauge
            for (String bus : List.of("commandBus", "queryBus", "eventStore")) {
                assertThat(after.has(bus + "_allTimer_seconds_count")).as(bus).isTrue();
                assertThat(after.has(bus + "_allTimer_seconds")).as(bus).isFalse();
                assertThat(after.has(bus + "_capacity")).as(bus).isFalse();
            }

            // events handled, timed per processing group: the ledger chains every event, avatars handle only
            // registrations (the events a group ignores are not counted), and no series per event type
            double chained = delta(before, after, "eventProcessor_allTimer_seconds_count",
                    Map.of("processorName", ReadModels.LEDGER, "outcome", "success"));
            double painted = delta(before, after, "eventProcessor_allTimer_seconds_count",
                    Map.of("processorName", ReadModels.AVATARS, "outcome", "success"));
            assertThat(chained).isGreaterThanOrEqualTo(7);
            assertThat(painted).isGreaterThanOrEqualTo(2).isLessThan(chained);
            assertThat(after.matching("eventProcessor_allTimer_seconds_count",
                    Map.of("processorName", ReadModels.WALLS))).hasSize(2); // success and failure
            assertThat(after.has("eventProcessor_latency")).isFalse();

            // every processing group: caught up, nothing parked here, running on this node
            for (String group : GROUPS) {
                assertThat(after.matching("bunnybook_processing_dead_letters", Map.of("group", group)))
                        .as(group).hasSize(1);
                assertThat(after.sum("bunnybook_processing_running", Map.of("group", group))).as(group)
                        .isEqualTo(1);
            }

            // caches: the post and the feed pages read three times, loaded at most once each
            assertThat(delta(before, after, "bunnybook_cache_hits_total", Map.of("cache", "posts")))
                    .isGreaterThanOrEqualTo(2);
            // the friends page, read three times from the embedded Neo4j in this JVM: faster than the friendship
            // cache, which is read only when the graph is read over Bolt (the query side's SocialGraphProjectionTest)
            assertThat(delta(before, after, "bunnybook_cache_hits_total", Map.of("cache", "friendships"))
                    + delta(before, after, "bunnybook_cache_loads_total", Map.of("cache", "friendships")))
                    .isZero();
            assertThat(delta(before, after, "bunnybook_feed_pages_total", Map.of()))
                    .isEqualTo(3);
            // every use of Redis goes through its circuit breaker, closed while Redis answers
            assertThat(after.sum("resilience4j_circuitbreaker_state", Map.of("name", "redis", "state", "closed")))
                    .isEqualTo(1);
            assertThat(delta(before, after, "resilience4j_circuitbreaker_calls_seconds_count",
                    Map.of("name", "redis", "kind", "successful"))).isPositive();

            // pushes: the chat message to both members, timed from the event to the delivery
            assertThat(delta(before, after, "bunnybook_websocket_pushes_total", Map.of("event", "chat_message")))
                    .isEqualTo(2);
            assertThat(delta(before, after, "bunnybook_push_delay_seconds_count", Map.of("event", "chat_message")))
                    .isEqualTo(2);
            assertThat(after.has("bunnybook_push_delay_seconds_bucket")).isTrue();
        }
    }

    @Test
    void theActuatorExposesHealthAndMetricsOnly() {
        ApiClient anyone = new ApiClient(port);
        assertThat(anyone.get("/actuator/prometheus").status()).isEqualTo(200); // open here: the test profile
        for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/loggers",
                "/actuator/metrics", "/actuator/configprops")) {
            assertThat(anyone.get(hidden).status()).as(hidden).isEqualTo(404);
        }
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
