package org.bunnybook.web.reliability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bunnybook.api.ReadModels;
import org.bunnybook.web.BunnybookApplication;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.LogLines;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Socket;
import org.bunnybook.web.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bunnybook.web.support.Friends.befriendAndChat;

/**
 * A second node that reaches PostgreSQL and Redis through proxies the test cuts: the store is gone for that node only,
 * as in a network partition, while the test application beside it keeps both.
 */
@BunnybookTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionedNodeTest {

    /** Hikari's connection timeout (2 s) and the handling around it, with room for a busy machine. */
    private static final Duration QUICKLY = Duration.ofSeconds(5);
    /** Readiness asks PostgreSQL twice (the connection, the processing groups' tokens), each within the 2 s. */
    private static final Duration READINESS_QUICKLY = Duration.ofSeconds(10);
    /** How long the partitioned node's requests wait for each of PostgreSQL's answers. */
    private static final Duration POSTGRES_WAIT = Duration.ofSeconds(4);
    private static final String PARTITIONED = "partitioned-node";
    /** Where Axon's processors say that they failed (at WARN) and back off. */
    private static final String AXON_COORDINATOR = "org.axonframework.eventhandling.pooled.Coordinator";
    /** Where a node says that it wakes the processors Axon backed off. */
    private static final String BALANCER = "org.bunnybook.platform.processing.SegmentBalancer";

    private static TcpProxy postgres;
    private static TcpProxy redis;
    private static ConfigurableApplicationContext partitioned;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TokenStore tokens;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ProjectionFixture projections;

    @AfterAll
    static void stopPartitionedNode() {
        if (partitioned != null) {
            partitioned.close();
        }
        if (postgres != null) {
            postgres.close();
            redis.close();
        }
    }

    /** The second node, started once its proxies are in place (the first test to need it starts it). */
    private int partitionedPort() {
        if (partitioned == null) {
            URI database = URI.create(environment.getRequiredProperty("spring.datasource.url").substring(5));
            postgres = new TcpProxy(database.getHost(), database.getPort());
            redis = new TcpProxy(environment.getRequiredProperty("spring.data.redis.host"),
                    environment.getRequiredProperty("spring.data.redis.port", Integer.class));
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + database.getRawPath()
                    + (database.getRawQuery() == null ? "" : "?" + database.getRawQuery());
            partitioned = new SpringApplicationBuilder(BunnybookApplication.class).profiles("test")
                    .run("--server.port=0", "--bunnybook.node-id=" + PARTITIONED,
                            "--spring.datasource.url=" + url, "--spring.data.redis.port=" + redis.port(),
                            "--bunnybook.serving.postgres-wait=" + POSTGRES_WAIT.toSeconds() + "s");
        }
        return ((WebServerApplicationContext) partitioned).getWebServer().getPort();
    }

    @Test
    @Order(1)
    void aNodeThatCannotReachPostgresAnswersWritesWith503QuicklyIsNotReadyAndRecovers() {
        int partitionedPort = partitionedPort();
        Member member = Members.register(port, "Cutoff");
        ApiClient onPartitioned = new ApiClient(partitionedPort).bearer(member.client().accessToken());
        assertThat(post(onPartitioned, member, "before the cut").status()).isEqualTo(201);
        // balanced over the two nodes, each holds a segment of every group of several
        Set<String> itsGroups = groupsOfSeveralSegments();
        await("the partitioned node running its share of the read models").atMost(Duration.ofSeconds(30))
                .until(() -> groupsHeldBy(PARTITIONED).containsAll(itsGroups));

        postgres.cut();
        LogLines woken = LogLines.of(BALANCER);
        try (woken; LogLines coordination = LogLines.of(AXON_COORDINATOR)) {
            for (int i = 0; i < 3; i++) { // the pool's connections broken, then none to be had
                ApiClient.Response refused = timed(QUICKLY, () -> post(onPartitioned, member, "during the cut"));
                assertThat(refused.status()).as(refused.text()).isEqualTo(503);
                assertThat(refused.json().get("detail").asText()).contains("unavailable");
            }
            await("the node saying it is not ready").atMost(Duration.ofSeconds(20))
                    .until(() -> timed(READINESS_QUICKLY, () -> onPartitioned.get("/readyz")).status() == 503);
            assertThat(timed(QUICKLY, () -> onPartitioned.get("/livez")).status()).isEqualTo(200);
            // the other node goes on as before, and takes over the segments of the one it no longer hears from
            assertThat(post(member.client(), member, "elsewhere").status()).isEqualTo(201);
            await("the other node holding every segment").atMost(Duration.ofSeconds(30))
                    .until(() -> groupsHeldBy(PARTITIONED).isEmpty());
            // Axon backs a processor off after each failure for twice as long as after the last, from one second:
            // six failures leave the partitioned node's processors thirty-two seconds to sleep from the last
            await("Axon's back-off grown to thirty-two seconds").atMost(Duration.ofSeconds(90))
                    .until(() -> itsGroups.stream().allMatch(group -> failures(coordination, group) >= 6));
            postgres.heal();
            // back, the node takes up its share of the read models well before the back-off is over: within its
            // pools' reconnection (HikariCP waits up to 5 s between attempts), its next heartbeat and the other
            // node's next round of releases
            await("the partitioned node processing its segments again").atMost(Duration.ofSeconds(25))
                    .until(() -> groupsHeldBy(PARTITIONED).containsAll(itsGroups));
        } finally {
            postgres.heal();
        }
        assertThat(woken.lines()).anyMatch(line -> line.getFormattedMessage().startsWith("PostgreSQL answers again"));
        readyAgainAndPosting(onPartitioned, member, "after the cut");
    }

    @Test
    @Order(2)
    void aNodeWhosePostgresStopsAnsweringAnswers503WithinItsWaitAndRecovers() {
        int partitionedPort = partitionedPort();
        Member member = Members.register(port, "Stalled");
        Member friend = Members.register(port, "Stalled");
        String chat = befriendAndChat(member, friend).toString();
        ApiClient onPartitioned = new ApiClient(partitionedPort).bearer(member.client().accessToken());
        assertThat(post(onPartitioned, member, "before the stall").status()).isEqualTo(201);

        try (Socket socket = Socket.open(partitionedPort, member.client().accessToken())) {
            socket.send("/app/chat_message", chatMessage(chat, "before the stall", "s-0"));
            socket.await("chat_message", message -> message.get("clientMessageId").asText().equals("s-0"));

            postgres.stall();
            try {
                // a chat frame's thread gives PostgreSQL up after its bound, and the frame is refused by name
                socket.send("/app/chat_message", chatMessage(chat, "during the stall", "s-1"));
                JsonNode refused = socket.awaitEvent("the refusal of s-1", event -> event.path("event").asText()
                        .equals("error") && event.path("data").path("clientMessageId").asText().equals("s-1"));
                assertThat(refused.path("data").path("message").asText()).contains("unavailable");
                assertThat(refused.path("data").path("retryAfterMillis").asLong()).isPositive();

                // so does a request's: a connection in use waits its bound (one idle for a while is checked by the pool
                // first, within HikariCP's 5 s), then the pool has none to give within its 2 s
                Duration bound = POSTGRES_WAIT.plus(QUICKLY);
                for (int i = 0; i < 3; i++) {
                    ApiClient.Response answer = within(bound, () -> post(onPartitioned, member, "during the stall"));
                    assertThat(answer.status()).as(answer.text()).isEqualTo(503);
                    assertThat(answer.json().get("detail").asText()).contains("unavailable");
                }
                assertThat(within(QUICKLY, () -> onPartitioned.get("/livez")).status()).isEqualTo(200);
                assertThat(post(member.client(), member, "elsewhere").status()).isEqualTo(201);
            } finally {
                postgres.heal();
            }
        }
        readyAgainAndPosting(onPartitioned, member, "after the stall");
    }

    @Test
    @Order(3)
    void aRetirementANodeCouldNotTellRedisIsCarriedOutByAnotherOnceItIsGone() {
        partitionedPort();
        Member author = Members.register(port, "Retiree");
        await("the partitioned node running part of the walls").atMost(Duration.ofSeconds(30))
                .until(() -> !segmentsOf(PARTITIONED).isEmpty());
        // a post whose events the partitioned node projects
        String post = null;
        for (int attempt = 0; attempt < 20 && post == null; attempt++) {
            String written = Posts.write(author, author, "cached " + attempt, "PUBLIC");
            if (projectedBy(PARTITIONED, written)) {
                post = written;
            }
        }
        assertThat(post).as("a post projected by the partitioned node").isNotNull();
        String path = "/web/posts/" + post;
        ApiClient anyone = new ApiClient(port);
        assertThat(anyone.get(path).status()).isEqualTo(200); // cached now
        double recoveredBefore = recovered();

        redis.cut();
        Posts.delete(author, post); // projected by the partitioned node, which cannot tell Redis
        partitioned.close(); // and dies, its memory of the retirement with it
        partitioned = null;

        await("the deleted post no longer served from the cache").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> anyone.get(path).status() == 404);
        assertThat(recovered()).isGreaterThan(recoveredBefore); // this node carried it out
        assertThat(jdbc.sql("SELECT count(*) FROM cache_retirements WHERE subject = :post").param("post", post)
                .query(Long.class).single()).isZero();
        // the partitioned node ran part of every group: the test application whole again before the next test class
        // (a registration there once waited in vain for the accounts segment the dead node had held)
        projections.awaitEveryGroupCaughtUp();
    }

    /** The partitioned node, its store back, is ready again within 30 s and stores a post. */
    private static void readyAgainAndPosting(ApiClient onPartitioned, Member member, String content) {
        await("the node ready again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> onPartitioned.get("/readyz").status() == 200);
        assertThat(post(onPartitioned, member, content).status()).isEqualTo(201);
    }

    private static String chatMessage(String chat, String message, String clientMessageId) {
        return "{\"to\":\"" + chat + "\",\"message\":\"" + message + "\",\"clientMessageId\":\"" + clientMessageId
                + "\"}";
    }

    private static ApiClient.Response post(ApiClient client, Member wall, String content) {
        return client.post("/web/posts", Map.of("content", content, "wallProfileId", wall.id().toString(),
                "privacy", "PUBLIC"));
    }

    /** The response, which must come within {@code bound}: a request that would hang fails the test instead. */
    private static ApiClient.Response within(Duration bound, Supplier<ApiClient.Response> request) {
        try {
            return timed(bound, () -> CompletableFuture.supplyAsync(request).orTimeout(bound.toMillis(),
                    TimeUnit.MILLISECONDS).join());
        } catch (CompletionException e) {
            throw new AssertionError("no answer within " + bound, e.getCause());
        }
    }

    /** The response, which must come within {@code bound}. */
    private static ApiClient.Response timed(Duration bound, Supplier<ApiClient.Response> request) {
        long started = System.nanoTime();
        ApiClient.Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(bound);
        return response;
    }

    /** The partitioned node's processing groups that have more than one segment. */
    private Set<String> groupsOfSeveralSegments() {
        Set<String> itsGroups = partitioned.getBean(EventProcessingConfiguration.class).eventProcessors().keySet();
        Set<String> several = Set.copyOf(jdbc.sql(
                        "SELECT processor_name FROM token_entry GROUP BY processor_name HAVING count(*) > 1")
                .query(String.class).list());
        Set<String> both = itsGroups.stream().filter(several::contains).collect(Collectors.toSet());
        assertThat(both).as("groups of several segments").isNotEmpty();
        return both;
    }

    /** The processing groups of which {@code node} holds a segment. */
    private Set<String> groupsHeldBy(String node) {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT processor_name FROM token_entry WHERE owner = :node")
                .param("node", node).query(String.class).list());
    }

    /** How often a processor of {@code group} has failed to coordinate its work (either node's: only one fails). */
    private static long failures(LogLines coordination, String group) {
        return coordination.lines().stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.startsWith("Processor [" + group + "]"))
                .filter(line -> line.contains("Exception occurred while") || line.contains("but no event stream"))
                .count();
    }

    private List<Integer> segmentsOf(String node) {
        return jdbc.sql("SELECT segment FROM token_entry WHERE processor_name = :group AND owner = :node")
                .param("group", ReadModels.WALLS).param("node", node).query(Integer.class).list();
    }

    /** Whether the node holds the segment of the walls group that a post's events go to (one per aggregate). */
    private boolean projectedBy(String node, String post) {
        int[] all = tokens.fetchSegments(ReadModels.WALLS);
        return segmentsOf(node).stream().anyMatch(id -> Segment.computeSegment(id, all).matches(post));
    }

    /** Owed retirements this node (the test application) has carried out. */
    private double recovered() {
        var counter = meters.find("bunnybook.cache.retirements.recovered").tag("cache", "posts").counter();
        return counter == null ? 0 : counter.count();
    }
}
