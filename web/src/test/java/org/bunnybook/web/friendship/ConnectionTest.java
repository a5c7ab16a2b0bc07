package org.bunnybook.web.friendship;

import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.embedded.EmbeddedNeo4jServer;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Neo4jOutages;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bunnybook.web.support.Friends.befriend;
import static org.bunnybook.web.support.Friends.unfriend;

/** How one member is connected to another ({@code GET /web/profiles/{me}/connection/{other}}), through HTTP. */
@BunnybookTest
class ConnectionTest {

    @LocalServerPort
    int port;

    @Autowired
    Driver neo4j;

    @Test
    void firstToFourthDegreeChainsNameEveryMemberInOrderAndFiveFriendshipsAreTooFar() {
        List<Member> chain = members("Link", 6);
        for (int i = 0; i + 1 < chain.size(); i++) {
            befriend(chain.get(i), chain.get(i + 1));
        }
        Member me = chain.get(0);
        for (int degree = 1; degree <= 4; degree++) {
            JsonNode connection = connection(me, chain.get(degree), 200).json();
            assertThat(connection.get("degree").asInt()).isEqualTo(degree);
            assertThat(usernames(connection)).containsExactlyElementsOf(usernames(chain.subList(0, degree + 1)));
            assertThat(connection.get("path").get(degree).get("id").asText()).isEqualTo(chain.get(degree).id().toString());
        }
        ApiClient.Response tooFar = connection(me, chain.get(5), 404);
        assertThat(tooFar.json().get("detail").asText()).isEqualTo("not connected within 4 friendships");
        // and seen from the other end, the same chain the other way round
        JsonNode back = connection(chain.get(4), me, 200).json();
        assertThat(usernames(back)).containsExactly(chain.get(4).username(), chain.get(3).username(),
                chain.get(2).username(), chain.get(1).username(), me.username());
    }

    @Test
    void theChainIsAShortestOneAndFollowsNewFriendships() {
        List<Member> around = members("Round", 5);     // me, then the long way round to far
        Member me = around.get(0), far = around.get(4);
        for (int i = 0; i + 1 < around.size(); i++) {
            befriend(around.get(i), around.get(i + 1));
        }
        assertThat(connection(me, far, 200).json().get("degree").asInt()).isEqualTo(4);

        Member shortcut = Members.register(port, "Shortcut");
        befriend(me, shortcut);
        befriend(shortcut, far);
        JsonNode viaShortcut = connection(me, far, 200).json();
        assertThat(viaShortcut.get("degree").asInt()).isEqualTo(2);
        assertThat(usernames(viaShortcut)).containsExactly(me.username(), shortcut.username(), far.username());

        befriend(me, far);
        assertThat(usernames(connection(me, far, 200).json())).containsExactly(me.username(), far.username());
    }

    @Test
    void unfriendingTakesTheChainAway() {
        List<Member> chain = members("Snap", 3);
        befriend(chain.get(0), chain.get(1));
        befriend(chain.get(1), chain.get(2));
        assertThat(connection(chain.get(0), chain.get(2), 200).json().get("degree").asInt()).isEqualTo(2);

        assertThat(unfriend(chain.get(2), chain.get(1)).status()).isEqualTo(204);

        assertThat(connection(chain.get(0), chain.get(2), 404).json().get("detail").asText())
                .isEqualTo("not connected within 4 friendships");
        assertThat(connection(chain.get(0), chain.get(1), 200).json().get("degree").asInt()).isEqualTo(1);
    }

    @Test
    void oneselfIsTheNoughthDegreeAndStrangersAreNotConnected() {
        Member me = Members.register(port, "Self");
        JsonNode self = connection(me, me, 200).json();
        assertThat(self.get("degree").asInt()).isZero();
        assertThat(usernames(self)).containsExactly(me.username());

        Member stranger = Members.register(port, "Stranger");
        assertThat(connection(me, stranger, 404).json().get("detail").asText())
                .isEqualTo("not connected within 4 friendships");
    }

    @Test
    void anUnknownMemberIs404SayingSo() {
        Member me = Members.register(port, "Seeker");
        ApiClient.Response unknown = me.client().get(path(me.id(), UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("no such member");
    }

    @Test
    void onlyTheMemberAsksForTheirOwnConnections() {
        Member me = Members.register(port, "Asker");
        Member other = Members.register(port, "Asked");
        befriend(me, other);
        Member intruder = Members.register(port, "Nosy");

        ApiClient.Response anonymous = new ApiClient(port).get(path(me.id(), other.id().toString()));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("detail").asText()).isEqualTo("Unauthorized");
        ApiClient.Response asSomeoneElse = intruder.client().get(path(me.id(), other.id().toString()));
        assertThat(asSomeoneElse.status()).isEqualTo(403);
        assertThat(asSomeoneElse.json().get("detail").asText()).isEqualTo("Forbidden");
    }

    @Test
    void idsThatAreNoUuidsAre422NamingThem() {
        Member me = Members.register(port, "Typo");
        ApiClient.Response badOther = me.client().get(path(me.id(), "not-a-uuid"));
        assertThat(badOther.status()).isEqualTo(422);
        assertThat(badOther.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"path\",\"other\"]");
        ApiClient.Response badMe = me.client().get("/web/profiles/42/connection/" + me.id());
        assertThat(badMe.status()).isEqualTo(422);
        assertThat(badMe.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"path\",\"me\"]");
    }

    @Test
    void withNeo4jDownTheGraphsAnswersAreA503ThatSaysSoAndAfterItTheChainIsBack() {
        EmbeddedNeo4jServer graph = Neo4jOutages.embeddedNeo4j();
        List<Member> pair = members("Outage", 2);
        List<Member> meanwhile = members("Outage", 2);
        ApiClient admin = Staff.admin(port);
        String friendship = FriendshipId.of(meanwhile.get(0).id(), meanwhile.get(1).id());
        befriend(pair.get(0), pair.get(1));
        assertThat(connection(pair.get(0), pair.get(1), 200).json().get("degree").asInt())
                .as("in the graph before it goes").isEqualTo(1);

        graph.stop();
        try {
            ApiClient.Response down = pair.get(0).client().get(path(pair.get(0).id(), pair.get(1).id().toString()));
            assertThat(down.status()).as(down.text()).isEqualTo(503);
            assertThat(down.json().get("detail").asText()).contains("unavailable");
            // so is every other question only the graph answers
            ApiClient.Response suggestions = pair.get(0).client()
                    .get("/web/profiles/" + pair.get(0).id() + "/friend_suggestions?sort=mutual");
            assertThat(suggestions.status()).as(suggestions.text()).isEqualTo(503);
            // the projection's batches fail meanwhile: their events wait, parked, and the friendship is made
            befriend(meanwhile.get(0), meanwhile.get(1));
            await("the friendship's events parked for the graph").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> parkedForTheGraph(admin, friendship) > 0);
        } finally {
            Neo4jOutages.restart(graph, neo4j);
        }
        assertThat(connection(pair.get(0), pair.get(1), 200).json().get("degree").asInt()).isEqualTo(1);
        await("the friendship made while the graph was away, in it once the parked events are retried")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        assertThat(connection(meanwhile.get(0), meanwhile.get(1), 200).json().get("degree").asInt())
                                .isEqualTo(1));
        await("nothing of theirs parked for the graph any more").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> parkedForTheGraph(admin, friendship) == 0);
    }

    /** The social graph's parked events of one friendship (the aggregate its events belong to). */
    private static long parkedForTheGraph(ApiClient admin, String friendship) {
        ApiClient.Response parked = admin.get("/web/admin/projections/" + ReadModels.SOCIAL_GRAPH
                + "/dead-letters?limit=1000");
        assertThat(parked.status()).as(parked.text()).isEqualTo(200);
        long count = 0;
        for (JsonNode event : parked.json()) {
            if (event.get("aggregateId").asText().equals(friendship)) {
                count++;
            }
        }
        return count;
    }

    private List<Member> members(String prefix, int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(Members.register(port, prefix));
        }
        return members;
    }

    private static ApiClient.Response connection(Member me, Member other, int status) {
        ApiClient.Response response = me.client().get(path(me.id(), other.id().toString()));
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        return response;
    }

    private static String path(UUID me, String other) {
        return "/web/profiles/" + me + "/connection/" + other;
    }

    private static List<String> usernames(JsonNode connection) {
        List<String> usernames = new ArrayList<>();
        connection.get("path").forEach(member -> usernames.add(member.get("username").asText()));
        return usernames;
    }

    private static List<String> usernames(List<Member> members) {
        return members.stream().map(Member::username).toList();
    }
}
