package org.bunnybook.web.cluster;

import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.platform.processing.NodeName;
import org.bunnybook.web.BunnybookApplication;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Socket;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second node beside the test application, sharing its stores as a second server would. Processors' segments
 * are spread over the nodes; the tests look up who holds what, and send their writes through the other node.
 */
@BunnybookTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the last step needs this application's beans
class TwoNodesTest {

    private static ConfigurableApplicationContext secondNode;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startSecondNode() {
        secondNode = new SpringApplicationBuilder(BunnybookApplication.class)
                .profiles("test")
                // arguments, not builder properties: those are defaults, below application.yml's port 8080, which
                // another application on a shared machine may hold
                .run("--server.port=0", "--bunnybook.node-id=second-node");
    }

    /**
     * The classes after this one share this application: they must find it as it was, holding every segment, not
     * waiting out the claims the second node gave back (a registration there would not be reflected in time).
     */
    @AfterAll
    void stopSecondNode() {
        secondNode.close();
        Awaitility.await("this node holding every segment again").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(segmentOwners().values()).allSatisfy(owners ->
                        assertThat(owners).isNotEmpty().allSatisfy(owner -> assertThat(owner).isEqualTo(node()))));
    }

    private static int secondPort() {
        return ((WebServerApplicationContext) secondNode).getWebServer().getPort();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    NodeName nodeName;

    @Test
    void aMemberRegisteredOnOneNodeLogsInAndIsFoundOnTheOtherAtOnce() {
        // register through the node that does not process accounts, so the request waits for the other one
        List<String> owners = jdbc.sql("SELECT DISTINCT owner FROM token_entry WHERE processor_name = 'accounts'")
                .query(String.class).list();
        int registering = owners.equals(List.of("second-node")) ? port : secondPort();
        int reading = registering == port ? secondPort() : port;
        for (int i = 0; i < 5; i++) {
            String username = Members.uniqueName("Nodes");
            var registered = new ApiClient(registering).post("/web/register", Map.of("username", username,
                    "email", username + "@nodes.test", "password", Members.PASSWORD));
            assertThat(registered.status()).isEqualTo(201);
            ApiClient other = new ApiClient(reading);
            assertThat(other.post("/web/login", Map.of("email", username + "@nodes.test",
                    "password", Members.PASSWORD)).status()).isEqualTo(200);
            assertThat(other.get("/web/profiles?username_query=" + username).json()).hasSize(1);
        }
    }

    @Test
    void oneRefreshTokenPresentedToBothNodesAtOnceNeverForksTheSession() {
        for (int i = 0; i < 5; i++) {
            var member = Members.register(port, "Race");
            String token = member.client().cookies().get("refresh_token");
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<ApiClient.Response>> attempts = List.of(port, secondPort()).stream()
                    .map(nodePort -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return new ApiClient(nodePort).cookie("refresh_token", token).post("/web/refresh", "");
                    }))
                    .toList();
            start.countDown();
            List<ApiClient.Response> answers = attempts.stream().map(CompletableFuture::join).toList();
            // the second may be answered too, as a lost answer repeated within the refresh grace window...
            assertThat(answers).as("attempt %d", i).allMatch(answer -> answer.status() == 200 || answer.status() == 401);
            // ...but of the tokens handed out, at most one goes on: the other is reuse and ends the session
            List<Integer> next = answers.stream().filter(answer -> answer.status() == 200)
                    .map(answer -> answer.setCookies().stream().filter(c -> c.startsWith("refresh_token=")).findFirst()
                            .orElseThrow().split(";", 2)[0].substring("refresh_token=".length()))
                    .map(newToken -> new ApiClient(port).cookie("refresh_token", newToken).post("/web/refresh", "")
                            .status())
                    .toList();
            assertThat(next).as("attempt %d", i).filteredOn(status -> status == 200).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void twoMembersBefriendingEachOtherThroughDifferentNodesEndInOneState() {
        for (int round = 0; round < 5; round++) {
            var a = Members.register(port, "Cross");
            var b = Members.register(port, "Cross");
            CountDownLatch start = new CountDownLatch(1);
            var fromA = CompletableFuture.supplyAsync(() -> {
                await(start);
                return a.client().post("/web/profiles/" + a.id() + "/outgoing_friend_requests/" + b.id(), "").status();
            });
            String onSecond = "/web/profiles/" + b.id() + "/outgoing_friend_requests/" + a.id();
            ApiClient bOnSecond = new ApiClient(secondPort()).bearer(b.client().cookies().get("access_token"));
            var fromB = CompletableFuture.supplyAsync(() -> {
                await(start);
                return bOnSecond.post(onSecond, "").status();
            });
            start.countDown();
            assertThat(List.of(fromA.join(), fromB.join())).as("round %d", round).containsExactlyInAnyOrder(201, 400);
        }
    }

    @Test
    void pushesAndPresenceReachMembersWhicheverNodeTheyAreConnectedTo() {
        var a = Members.register(port, "Relay");
        var b = Members.register(port, "Relay");
        try (Socket bOnSecond = Socket.open(secondPort(), b.client().accessToken());
             Socket aOnFirst = Socket.open(port, a.client().accessToken())) {
            // the request goes through the first node; the notification reaches b on the second
            assertThat(Friends.request(a, b).status()).isEqualTo(201);
            assertThat(bOnSecond.await("new_unread_notification",
                    n -> n.at("/data/event").asText().equals("NEW_FRIENDSHIP_REQUEST"))
                    .at("/data/payload/byId").asText()).isEqualTo(a.id().toString());
            assertThat(Friends.accept(b, a).status()).isEqualTo(201);
            aOnFirst.await("new_unread_notification", n -> n.at("/data/event").asText().equals("NEW_FRIEND"));
            // a chat message written on the first node reaches b's socket on the second
            UUID chat = ChatGroupId.of(a.id(), b.id());
            aOnFirst.await("add_friend", added -> added.get("chatGroupId").asText().equals(chat.toString()));
            aOnFirst.send("/app/chat_message", "{\"to\":\"" + chat + "\",\"message\":\"across\"}");
            assertThat(bOnSecond.await("chat_message", message -> message.get("content").asText().equals("across"))
                    .get("fromProfileId").asText()).isEqualTo(a.id().toString());
            // both online, each on its own node: a ping on either side shows the other (pings keep them online)
            aOnFirst.send("/app/ping", "{}");
            bOnSecond.send("/app/ping", "{}");
            bOnSecond.await("online_friends", ids -> ids.size() == 1 && ids.get(0).asText().equals(a.id().toString()));
            aOnFirst.send("/app/ping", "{}");
            aOnFirst.await("online_friends", ids -> ids.size() == 1 && ids.get(0).asText().equals(b.id().toString()));
        }
    }

    @Test
    void everyGroupsSegmentsAreSpreadOverTheNodesThatRunIt() {
        Awaitility.await("each node holding its share of every group").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Map<String, List<String>> owners = segmentOwners();
                    // two segments, two nodes: one each (the groups of one segment go to one node or the other)
                    owners.values().stream().filter(group -> group.size() == 2)
                            .forEach(group -> assertThat(group).containsExactlyInAnyOrder(node(), "second-node"));
                    assertThat(owners.values().stream().flatMap(List::stream).distinct())
                            .containsExactlyInAnyOrder(node(), "second-node");
                });
    }

    @Test
    void aNodeThatJoinsTakesItsShareAndGivesItBackWhenItLeaves() {
        ConfigurableApplicationContext third = new SpringApplicationBuilder(BunnybookApplication.class)
                .profiles("test").run("--server.port=0", "--bunnybook.node-id=third-node");
        try {
            Awaitility.await("the third node holding segments").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> segmentOwners().values().stream().flatMap(List::stream)
                            .filter("third-node"::equals).count() >= 2);
        } finally {
            third.close();
        }
        long left = System.nanoTime();
        Awaitility.await("its segments taken over").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(segmentOwners().values()).allSatisfy(owners -> assertThat(owners)
                        .isNotEmpty().allSatisfy(owner -> assertThat(owner).isIn(node(), "second-node"))));
        System.out.printf("segments of a node that left were taken over in %d ms%n",
                Duration.ofNanos(System.nanoTime() - left).toMillis());
    }

    /** Who holds each segment of every group that both nodes run (null: nobody at the moment). */
    private Map<String, List<String>> segmentOwners() {
        Set<String> groups = processing.eventProcessors().keySet();
        return jdbc.sql("SELECT processor_name, owner FROM token_entry ORDER BY processor_name, segment")
                .query((rs, row) -> Map.entry(rs.getString("processor_name"),
                        String.valueOf(rs.getString("owner"))))
                .list().stream()
                .filter(entry -> groups.contains(entry.getKey()))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private String node() {
        return nodeName.value();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRebuildAskedOfOneNodeStopsTheGroupOnBothAndBothReplayIt() throws Exception {
        var hazel = Members.register(port, "Cluster");
        var fiver = Members.register(port, "Cluster");
        Friends.befriend(hazel, fiver);
        var before = jdbc.sql("SELECT * FROM friendships ORDER BY profile_id, friend_id").query().listOfRows();

        ApiClient onSecond = Staff.admin(secondPort());
        var requested = onSecond.post("/web/admin/projections/friendships/rebuild", "");
        assertThat(requested.status()).as(requested.text()).isEqualTo(202);
        long rebuild = requested.json().get("id").asLong();

        ApiClient onFirst = Staff.admin(port);
        var status = Awaitility.await("rebuild " + rebuild + " finishing, seen from the first node")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> onFirst.get("/web/admin/projections/friendships").json(),
                        seen -> seen.get("rebuild").get("id").asLong() == rebuild
                                && seen.get("rebuild").get("state").asText().equals("FINISHED"));
        // whichever node reset it, both stopped for it: a node still running would have held its segments
        assertThat(status.get("rebuild").get("resetByNode").asText())
                .isIn("second-node", status.get("thisNode").get("node").asText());
        // both nodes run the group again (friendships is rebuilt beside the live model: the node that switched it
        // over finishes the rebuild, the other one starts its live processor again at its next poll), and the
        // rebuilt read model is the one it replaced
        for (ApiClient node : List.of(onFirst, onSecond)) {
            Awaitility.await("the group running again on both nodes").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> node.get("/web/admin/projections/friendships").json().get("thisNode").get("running")
                            .asBoolean());
        }
        assertThat(jdbc.sql("SELECT * FROM friendships ORDER BY profile_id, friend_id").query().listOfRows())
                .isEqualTo(before);
        assertThat(Friends.relationship(hazel, fiver)).isEqualTo("FRIEND");
    }
}
