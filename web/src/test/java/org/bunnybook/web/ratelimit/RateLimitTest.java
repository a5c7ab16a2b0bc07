package org.bunnybook.web.ratelimit;

import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.web.BunnybookApplication;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.RedisOutages;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every plan of {@link LimitPlans}, on a node of its own with small budgets (the shared test application's are too
 * big to reach): past a budget, 429 with {@code Retry-After}; per member and per client address independently;
 * refilled over the period; and still enforced, per node, while Redis is down, from where Redis left them.
 */
@BunnybookTest
class RateLimitTest {

    /** Small budgets per minute: a round of requests takes far less than the 20 s in which one comes back. */
    private static final int PER_ACCOUNT = 3;
    private static final int PER_ADDRESS = 4;

    private static ConfigurableApplicationContext limitedNode;
    private static int port;
    /** Members who may use every route (auditors), shared by the plans: each plan counts in buckets of its own. */
    private static List<Member> members;

    @LocalServerPort
    int sharedPort;

    @Autowired
    StringRedisTemplate redis;

    @BeforeAll
    static void startLimitedNode() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--bunnybook.node-id=rate-limited-node",
                "--bunnybook.redis.circuit.open-for=500ms",
                // a machine this busy may take longer than the 200 ms default: the node would count alone for a
                // while, and these tests measure the budgets shared through Redis (a stopped Redis still fails at
                // once: its client refuses commands while disconnected)
                "--bunnybook.rate-limit.redis-timeout=3s",
                // the avatars plan refills within the test: one picture every 2 s
                "--bunnybook.rate-limit.plans.avatars.per-account=1",
                "--bunnybook.rate-limit.plans.avatars.per-address=1",
                "--bunnybook.rate-limit.plans.avatars.period=2s"));
        for (LimitPlans.Default plan : LimitPlans.DEFAULTS) {
            if (!plan.name().equals("avatars")) {
                String prefix = "--bunnybook.rate-limit.plans." + plan.name();
                arguments.add(prefix + ".per-account=" + (plan.perAccount() > 0 ? PER_ACCOUNT : 0));
                arguments.add(prefix + ".per-address=" + PER_ADDRESS);
            }
        }
        limitedNode = new SpringApplicationBuilder(BunnybookApplication.class).profiles("test")
                .run(arguments.toArray(String[]::new));
        port = ((WebServerApplicationContext) limitedNode).getWebServer().getPort();
    }

    @AfterAll
    static void stopLimitedNode() {
        limitedNode.close();
    }

    /** Made on the shared application, whose budgets they cannot reach; tokens hold on every node. */
    private List<Member> members() {
        if (members == null) {
            members = List.of(Staff.auditor(sharedPort), Staff.auditor(sharedPort), Staff.auditor(sharedPort));
        }
        return members;
    }

    /** One request that each plan counts; a plan without one here fails {@link #everyPlanHasASampleRequest()}. */
    private static final Map<String, BiFunction<ApiClient, UUID, ApiClient.Response>> SAMPLES = Map.ofEntries(
            Map.entry("register", (client, me) -> client.post("/web/register", Map.of())),
            Map.entry("login", (client, me) -> client.post("/web/login",
                    Map.of("email", "guess@bunnybook.test", "password", "guessing-1"))),
            Map.entry("refresh", (client, me) -> client.post("/web/refresh", Map.of())),
            Map.entry("posts", (client, me) -> client.post("/web/posts", Map.of("content", "one more carrot"))),
            Map.entry("comments", (client, me) -> client.post("/web/posts/" + UUID.randomUUID() + "/comments",
                    Map.of("content", "nice"))),
            Map.entry("likes", (client, me) -> client.post("/web/posts/" + UUID.randomUUID() + "/likes", Map.of())),
            Map.entry("friend-requests", (client, me) -> client.post(
                    "/web/profiles/" + me + "/outgoing_friend_requests/" + UUID.randomUUID(), Map.of())),
            Map.entry("search", (client, me) -> client.get("/web/profiles?username_query=bun")),
            Map.entry("avatars", (client, me) -> client.get("/web/avatar/" + UUID.randomUUID())),
            Map.entry("feed", (client, me) -> client.get("/web/feed")),
            Map.entry("graph", (client, me) -> client.get("/web/profiles/" + me + "/friend_suggestions")),
            Map.entry("chat", (client, me) -> client.get("/web/profiles/" + me + "/conversations")),
            // refused as malformed (422), but counted: a real verification would replay the whole ledger
            Map.entry("audit-export", (client, me) -> client.post("/web/audit/verify", Map.of("checkpoints", 7))),
            Map.entry("audit", (client, me) -> client.get("/web/audit/catalog")),
            Map.entry("data-export", (client, me) -> client.get("/web/me/export")),
            Map.entry("websocket", (client, me) -> client.get("/ws")),
            Map.entry("writes", (client, me) -> client.send("PATCH", "/web/profiles/" + me + "/notifications?read=true",
                    BodyPublishers.ofString("[]"), Map.of("Content-Type", "application/json"))));

    static Stream<String> plans() {
        return LimitPlans.DEFAULTS.stream().map(LimitPlans.Default::name);
    }

    private static LimitPlan plan(String name) {
        return limitedNode.getBean(LimitPlans.class).all().stream().filter(plan -> plan.name().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void everyPlanHasASampleRequest() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(plans().toList());
    }

    @ParameterizedTest
    @MethodSource("plans")
    void oneMemberSpendsTheirBudgetFromAnyAddress(String name) {
        LimitPlan plan = plan(name);
        if (plan.perAccount().isEmpty()) {
            return; // anonymous routes: counted by address only
        }
        int budget = plan.perAccount().get().requests();
        Member member = members().get(0);
        // each request from an address of its own: none of them comes near the address's budget
        for (int i = 0; i < budget; i++) {
            assertThat(sample(name, member, ApiClient.randomAddress()).status()).as(name).isNotEqualTo(429);
        }
        assertRefused(sample(name, member, ApiClient.randomAddress()), plan.perAccount().get());
    }

    @ParameterizedTest
    @MethodSource("plans")
    void membersAtOneAddressShareItsBudget(String name) {
        LimitPlan plan = plan(name);
        int budget = plan.perAddress().orElseThrow().requests();
        String address = ApiClient.randomAddress();
        // two members take turns (not the one who spends a whole budget above), so neither spends their own
        // budget: the address's runs out first
        List<Member> sharing = members().subList(1, 3);
        int[] sent = new int[sharing.size()];
        for (int i = 0; i < budget; i++) {
            int who = i % sent.length;
            sent[who]++;
            assertThat(sample(name, sharing.get(who), address).status()).as(name).isNotEqualTo(429);
        }
        int who = budget % sent.length;
        assertThat(sent[who]).as("the last member's own budget has room")
                .isLessThan(plan.perAccount().map(Budget::requests).orElse(Integer.MAX_VALUE));
        assertRefused(sample(name, sharing.get(who), address), plan.perAddress().get());
        // the same member from another address is not affected: the refused request cost them nothing
        assertThat(sample(name, sharing.get(who), ApiClient.randomAddress()).status()).isNotEqualTo(429);
    }

    @Test
    void anonymousAvatarsAreLimitedPerAddressAndTheBudgetRefills() throws InterruptedException {
        ApiClient anonymous = new ApiClient(port);
        assertThat(anonymous.get("/web/avatar/first").status()).isEqualTo(200);
        ApiClient.Response refused = anonymous.get("/web/avatar/second");
        assertRefused(refused, plan("avatars").perAddress().orElseThrow());
        assertThat(new ApiClient(port).get("/web/avatar/second").status()).as("another address").isEqualTo(200);

        Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000 + 200);
        assertThat(anonymous.get("/web/avatar/second").status()).as("after Retry-After").isEqualTo(200);
    }

    @Test
    void aForgedForwardedForDoesNotBuyAFreshBudget() {
        // The trusted proxy (loopback here) appends the address it saw; what the client wrote before it is ignored.
        String address = ApiClient.randomAddress();
        ApiClient client = new ApiClient(port, address);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= PER_ADDRESS; i++) {
            statuses.add(client.send("POST", "/web/login", BodyPublishers.ofString("{}"), Map.of(
                    "Content-Type", "application/json",
                    "X-Forwarded-For", ApiClient.randomAddress() + ", " + address)).status());
        }
        assertThat(statuses.subList(0, PER_ADDRESS)).doesNotContain(429);
        assertThat(statuses.get(PER_ADDRESS)).isEqualTo(429);
    }

    @Test
    void addressesOfOneIpv6NetworkShareABudget() {
        // a subscriber holds a whole /64: a fresh address for every request must not mean a fresh budget
        String network = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":7::";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= PER_ADDRESS + 1; i++) {
            statuses.add(new ApiClient(port, network + Integer.toHexString(i)).post("/web/login", Map.of()).status());
        }
        assertThat(statuses.subList(0, PER_ADDRESS)).doesNotContain(429);
        assertThat(statuses.get(PER_ADDRESS)).isEqualTo(429);
        assertThat(new ApiClient(port, network.replace(":7::", ":8::1")).post("/web/login", Map.of()).status())
                .as("the next /64 is another subscriber").isNotEqualTo(429);
    }

    @Test
    void whileRedisIsDownEachNodeStillHoldsTheLimits() {
        EmbeddedRedisServer embedded = RedisOutages.embeddedRedis();
        members(); // made while Redis is up
        Map<String, String> attempt = Map.of("email", "guess@bunnybook.test", "password", "guessing-1");
        ApiClient spentBefore = new ApiClient(port);
        for (int i = 0; i < PER_ADDRESS - 1; i++) {
            assertThat(spentBefore.post("/web/login", attempt).status()).isEqualTo(401);
        }
        embedded.stop();
        try {
            // counting alone goes on from what Redis said: one attempt left, not a fresh budget
            assertThat(spentBefore.post("/web/login", attempt).status()).isEqualTo(401);
            assertRefused(spentBefore.post("/web/login", attempt), plan("login").perAddress().orElseThrow());

            ApiClient client = new ApiClient(port);
            for (int i = 0; i < PER_ADDRESS; i++) {
                assertThat(client.post("/web/login", attempt).status()).isEqualTo(401);
            }
            assertRefused(client.post("/web/login", attempt), plan("login").perAddress().orElseThrow());

            Member member = members().get(1);
            for (int i = 0; i < PER_ACCOUNT; i++) {
                assertThat(sample("graph", member, ApiClient.randomAddress()).status()).isNotEqualTo(429);
            }
            assertRefused(sample("graph", member, ApiClient.randomAddress()), plan("graph").perAccount().get());
        } finally {
            RedisOutages.restart(embedded, redis);
            // later tests expect budgets shared through Redis again, not a mix of this node's and Redis's
            TokenBuckets buckets = limitedNode.getBean(TokenBuckets.class);
            Budget probe = new Budget(1_000, Duration.ofMinutes(1));
            await("the limited node counting in Redis again").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        buckets.take("rate:probe", probe);
                        return !buckets.countingAlone();
                    });
        }
    }

    private static ApiClient.Response sample(String plan, Member member, String address) {
        return SAMPLES.get(plan).apply(new ApiClient(port, address).bearer(member.client().accessToken()),
                member.id());
    }

    private static void assertRefused(ApiClient.Response response, Budget budget) {
        assertThat(response.status()).as(response.text()).isEqualTo(429);
        assertThat(response.json().get("detail").asText()).isEqualTo("Too Many Requests");
        assertThat(Long.parseLong(response.header("Retry-After")))
                .isBetween(1L, Math.max(1, budget.period().toSeconds()));
    }
}
