package org.bunnybook.web.friendship;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bunnybook.api.ReadModels;
import com.fasterxml.jackson.databind.JsonNode;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Rebuilds;
import org.bunnybook.web.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bunnybook.web.support.Friends.*;

/**
 * Wiping the social graph and replaying the whole history builds the very same graph; so does a rebuild beside the
 * live graph, which members keep reading whole meanwhile.
 */
@BunnybookTest
class SocialGraphRebuildTest {

    private static final int STRANGERS = 1_500;

    @LocalServerPort
    int port;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    Neo4jClient neo4j;

    @Autowired
    ProjectionFixture projections;

    @Test
    void aReplayedGraphEqualsTheOriginal() throws Exception {
        // a history with every kind of friendship event in it
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(Members.register(port, "Replay"));
        }
        befriend(members.get(0), members.get(1));
        befriend(members.get(1), members.get(2));
        befriend(members.get(2), members.get(3));
        request(members.get(3), members.get(4));
        request(members.get(4), members.get(5));
        reject(members.get(5), members.get(4));
        request(members.get(0), members.get(5));
        cancel(members.get(0), members.get(5));
        unfriend(members.get(2), members.get(1));
        request(members.get(1), members.get(3));

        Set<String> before = graph();
        assertThat(before).anyMatch(line -> line.startsWith("FRIEND|")).anyMatch(line -> line.startsWith("REQUESTED|"));

        StreamingEventProcessor socialGraph = processing
                .eventProcessor(ReadModels.SOCIAL_GRAPH, StreamingEventProcessor.class).orElseThrow();
        socialGraph.shutDown();
        socialGraph.resetTokens();
        assertThat(graph()).as("wiped").isEmpty();
        socialGraph.start();
        projections.awaitCaughtUp(ReadModels.SOCIAL_GRAPH);

        assertThat(graph()).isEqualTo(before);
        assertThat(relationship(members.get(0), members.get(1))).isEqualTo("FRIEND");
        assertThat(relationship(members.get(1), members.get(3))).isEqualTo("OUTGOING_FRIEND_REQUEST");
    }

    /**
     * Rebuilt by an admin, the graph is built beside the live one while members read that, whole (a question asked
     * of a half-built graph would miss friends and requests), and swapped in once caught up: a relationship lost from
     * the live graph comes back, what members did meanwhile is kept, and nothing of either version is left over.
     */
    @Test
    void aRebuildBuildsTheGraphBesideTheLiveOneAndSwitchesOverWhole() throws Exception {
        ApiClient admin = Staff.admin(port);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(Members.register(port, "Beside"));
        }
        Member hub = members.get(0);
        for (Member friend : members.subList(1, 4)) {
            befriend(hub, friend);
        }
        request(members.get(4), hub);
        // history enough for the copy to be seen part of the way through, appended at once
        projections.friendshipsBetweenStrangers(STRANGERS, "stranger").append();
        projections.awaitCaughtUp(ReadModels.SOCIAL_GRAPH);
        Set<String> built = graph();
        List<String> friends = all(hub.client(), "/web/profiles/" + hub.id() + "/friends");
        List<String> incoming = all(hub.client(), "/web/profiles/" + hub.id() + "/friend_requests?direction=incoming");
        List<String> suggestions = all(members.get(1).client(),
                "/web/profiles/" + members.get(1).id() + "/friend_suggestions");
        assertThat(friends).hasSize(3);
        assertThat(incoming).containsExactly(members.get(4).username());
        assertThat(suggestions).containsExactlyInAnyOrder(members.get(2).username(), members.get(3).username());
        // a live relationship gone, as a projection's bug would leave it
        neo4j.query("MATCH (:Profile {id: $a})-[f:FRIEND]-(:Profile {id: $b}) DELETE f")
                .bind(hub.id().toString()).to("a").bind(members.get(3).id().toString()).to("b").run();
        List<String> damaged = friendsWithout(friends, members.get(3));
        assertThat(all(hub.client(), "/web/profiles/" + hub.id() + "/friends")).isEqualTo(damaged);

        List<String> incomplete = new CopyOnWriteArrayList<>();
        List<String> reads = new CopyOnWriteArrayList<>();
        List<Member> joined = new CopyOnWriteArrayList<>();
        List<String> failedWrites = new CopyOnWriteArrayList<>();
        AtomicBoolean going = new AtomicBoolean(true);
        Thread writes = new Thread(() -> {
            while (going.get()) {
                try {
                    Member newcomer = Members.register(port, "Newcomer");
                    assertThat(request(newcomer, hub).status()).isEqualTo(201);
                    joined.add(newcomer);
                } catch (AssertionError | RuntimeException e) {
                    failedWrites.add(Instant.now() + ": " + e);
                }
            }
        });
        Thread reader = new Thread(() -> {
            while (going.get()) {
                try {
                    List<String> friendsNow = all(hub.client(), "/web/profiles/" + hub.id() + "/friends");
                    List<String> incomingNow = all(hub.client(),
                            "/web/profiles/" + hub.id() + "/friend_requests?direction=incoming");
                    List<String> suggestionsNow = all(members.get(1).client(),
                            "/web/profiles/" + members.get(1).id() + "/friend_suggestions");
                    reads.add("read");
                    if (!friendsNow.containsAll(damaged) || !incomingNow.containsAll(incoming)
                            || !suggestionsNow.contains(members.get(2).username())) {
                        incomplete.add(Instant.now() + ": " + friendsNow + " " + incomingNow + " " + suggestionsNow);
                    }
                } catch (AssertionError | RuntimeException e) {
                    incomplete.add(Instant.now() + ": " + e);
                }
            }
        });
        writes.start();
        reader.start();
        List<JsonNode> seen = new ArrayList<>();
        try {
            var requested = admin.post("/web/admin/projections/" + ReadModels.SOCIAL_GRAPH + "/rebuild", "");
            assertThat(requested.status()).as(requested.text()).isEqualTo(202);
            assertThat(requested.json().get("besideLive").asBoolean()).isTrue();
            long rebuild = requested.json().get("id").asLong();
            await("the social graph rebuilt").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        JsonNode status = admin.get("/web/admin/projections/" + ReadModels.SOCIAL_GRAPH).json();
                        seen.add(status);
                        return status.get("rebuild").get("id").asLong() == rebuild
                                && status.get("rebuild").get("state").asText().equals("FINISHED");
                    });
        } finally {
            going.set(false);
            writes.join();
            reader.join();
        }
        assertThat(incomplete).isEmpty();
        assertThat(failedWrites).isEmpty();
        assertThat(reads).isNotEmpty();
        assertThat(seen).anySatisfy(status -> {
            assertThat(status.get("rebuild").get("state").asText()).isEqualTo("BUILDING");
            assertThat(status.get("shadow").get("progress").asDouble()).isStrictlyBetween(0.0, 1.0);
        });
        assertThat(seen).allSatisfy(status -> assertThat(status.get("replaying").asBoolean()).isFalse());
        projections.awaitCaughtUp(ReadModels.SOCIAL_GRAPH);

        // the lost friendship is back, built from its events, and what members did meanwhile is all there
        assertThat(all(hub.client(), "/web/profiles/" + hub.id() + "/friends")).isEqualTo(friends);
        assertThat(joined).isNotEmpty();
        List<String> incomingAfter = all(hub.client(),
                "/web/profiles/" + hub.id() + "/friend_requests?direction=incoming");
        assertThat(incomingAfter).containsAll(incoming)
                .containsAll(joined.stream().map(Member::username).toList()).hasSize(1 + joined.size());
        Set<String> rebuilt = graph();
        assertThat(rebuilt).containsAll(built);
        await("the retired graph deleted").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> neo4j.query("""
                                MATCH (n) WHERE n:RetiredProfile OR n:RetiredPair OR n:RetiredErasedProfile
                                   OR n:RebuildProfile OR n:RebuildPair OR n:RebuildErasedProfile OR n:GraphRebuild
                                RETURN count(n)""").fetchAs(Long.class).one().orElseThrow() == 0);

        // built again from scratch with nothing else going on, the graph is the same
        Rebuilds.rebuild(admin, ReadModels.SOCIAL_GRAPH);
        projections.awaitCaughtUp(ReadModels.SOCIAL_GRAPH);
        assertThat(graph()).isEqualTo(rebuilt);
    }

    private static List<String> friendsWithout(List<String> friends, Member gone) {
        return friends.stream().filter(friend -> !friend.equals(gone.username())).toList();
    }

    /** Every node and relationship as text; a friendship has no direction, so its ends are sorted. */
    private Set<String> graph() {
        Set<String> lines = new TreeSet<>();
        lines.addAll(neo4j.query("MATCH (p:Profile) RETURN 'Profile|' + p.id + '|' + p.username + '|' + p.key")
                .fetchAs(String.class).all());
        lines.addAll(neo4j.query("MATCH (p:Pair) RETURN 'Pair|' + p.id + '|' + p.seq").fetchAs(String.class).all());
        lines.addAll(neo4j.query("""
                        MATCH (a:Profile)-[r]->(b:Profile)
                        RETURN type(r) + '|' + CASE WHEN type(r) = 'FRIEND' AND b.id < a.id
                                                     THEN b.id + '|' + a.id ELSE a.id + '|' + b.id END""")
                .fetchAs(String.class).all());
        return lines;
    }
}
