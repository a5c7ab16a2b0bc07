package org.bunnybook.query.socialgraph;

import org.bunnybook.api.friendship.FindFriendRequests;
import org.bunnybook.api.friendship.FindFriendRequests.Direction;
import org.bunnybook.api.friendship.FindRelationship;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.Relationship;
import org.bunnybook.query.cache.GenerationalCache;
import org.bunnybook.query.socialgraph.GraphChange.Kind;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.Plan;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of graph changes, sent as {@link GraphWrites} groups them (kind by kind, in rounds per pair), ends in the
 * graph its changes make sent one at a time, whether it commits in this JVM (as to the embedded Neo4j here) or over
 * Bolt (as to a server).
 */
@ReadModelTest({
        GraphWrites.class, GraphWritesConfiguration.class, SocialGraphQueries.class, GraphReadsConfiguration.class,
        HomeDatabase.class, SocialGraphCache.class})
class GraphWritesTest {

    @Autowired
    GraphWrites writes;

    @Autowired
    GraphTransactions transactions;

    @Autowired
    Driver driver;

    @Autowired
    HomeDatabase database;

    @Autowired
    @Qualifier(SocialGraphCache.NAME)
    GenerationalCache cache;

    @Autowired
    SocialGraphQueries graph;

    @Autowired
    Neo4jClient neo4j;

    @Test
    void aBatchEndsInTheGraphItsChangesMakeOneByOneInThisJvmAndOverBolt() {
        assertThat(transactions).as("the embedded Neo4j, written in this JVM")
                .isInstanceOf(InProcessGraphTransactions.class);
        GraphWrites overBolt = new GraphWrites(new BoltGraphTransactions(driver, database), cache);
        List<Bunny> batched = Bunny.named("ann", "bob", "cat", "dan", "eve");
        List<Bunny> oneByOne = Bunny.named("ann", "bob", "cat", "dan", "eve");
        List<Bunny> batchedOverBolt = Bunny.named("ann", "bob", "cat", "dan", "eve");

        writes.apply(story(batched));
        story(oneByOne).forEach(change -> writes.apply(List.of(change)));
        overBolt.apply(story(batchedOverBolt));

        for (List<Bunny> batch : List.of(batched, batchedOverBolt)) {
            for (Bunny from : batch) {
                for (Bunny to : batch) {
                    Bunny fromAlone = oneByOne.get(batch.indexOf(from)), toAlone = oneByOne.get(batch.indexOf(to));
                    assertThat(relationship(from, to)).as("%s to %s", from.username(), to.username())
                            .isEqualTo(relationship(fromAlone, toAlone));
                    assertThat(blocks(from, to)).isEqualTo(blocks(fromAlone, toAlone));
                }
            }
        }
        for (List<Bunny> bunnies : List.of(batched, oneByOne, batchedOverBolt)) {
            Bunny ann = bunnies.get(0), bob = bunnies.get(1), cat = bunnies.get(2), dan = bunnies.get(3);
            Bunny eve = bunnies.get(4);
            assertThat(relationship(ann, bob)).isEqualTo(Relationship.NONE);
            assertThat(blocks(ann, bob)).isTrue();
            assertThat(relationship(ann, cat)).isEqualTo(Relationship.FRIEND);
            assertThat(relationship(ann, dan)).isEqualTo(Relationship.OUTGOING_FRIEND_REQUEST);
            assertThat(relationship(dan, cat)).isEqualTo(Relationship.INCOMING_FRIEND_REQUEST);
            assertThat(graph.handle(new FindFriendRequests(cat.id(), Direction.OUTGOING, null, 10)))
                    .extracting(summary -> summary.id()).containsExactly(dan.id());
            assertThat(profileExists(eve)).isFalse();
            assertThat(blocks(bob, dan)).isTrue();
            assertThat(relationship(bob, dan)).isEqualTo(Relationship.OUTGOING_FRIEND_REQUEST);
        }
    }

    /**
     * What lets {@link GraphWrites} plan its statements once: no plan depends on how much the graph holds. The same
     * goes for a rebuild's copy ({@link SocialGraphCopy}), whose statements are the same under the copy's labels.
     */
    @Test
    void everyStatementSeeksItsNodesByIdWhateverTheGraphHolds() {
        List<String> live = new ArrayList<>(List.of(GraphWrites.LOCK));
        Arrays.stream(Kind.values()).filter(kind -> kind != Kind.ERASED).map(GraphWrites::statement)
                .forEach(live::add);
        List<String> statements = new ArrayList<>(live);
        live.stream().map(SocialGraphCopy::inCopy).forEach(statements::add);
        assertThat(SocialGraphCopy.inCopy(GraphWrites.statement(Kind.ERASED)))
                .contains("(:RebuildErasedProfile {id:", "(p:RebuildProfile {id:", "(pair:RebuildPair)")
                .doesNotContain(":Profile", ":Pair", ":ErasedProfile");
        for (String statement : statements) {
            Plan plan = neo4j.query("EXPLAIN " + statement)
                    .bind(Map.of("changes", List.of(), "ids", List.of())).to("batch").run().plan();
            assertThat(operators(plan)).as(statement).contains("NodeUniqueIndexSeek(Locking)")
                    .noneMatch(operator -> operator.contains("Scan") || operator.contains("CartesianProduct"));
        }
    }

    /**
     * Every kind of change, several per pair and pairs sharing members, registrations after the pair changes that
     * name them, an erasure between two pair changes of the erased member, and a pair whose changes, sent kind by
     * kind without rounds, would skip its older one (see {@link GraphWrites#steps}).
     */
    private static List<GraphChange> story(List<Bunny> bunnies) {
        Bunny ann = bunnies.get(0), bob = bunnies.get(1), cat = bunnies.get(2), dan = bunnies.get(3);
        Bunny eve = bunnies.get(4);
        List<GraphChange> story = new ArrayList<>();
        story.add(pair(Kind.REQUESTED, 0, ann, bob));
        story.add(pair(Kind.REQUESTED, 0, ann, cat));
        story.add(pair(Kind.ACCEPTED, 1, ann, bob));
        story.add(GraphChange.registered(ann.id(), ann.username()));
        story.add(pair(Kind.REQUESTED, 0, ann, dan));
        story.add(pair(Kind.ACCEPTED, 1, ann, cat));
        story.add(pair(Kind.UNFRIENDED, 2, bob, ann));
        story.add(pair(Kind.CANCELLED, 1, ann, dan));
        story.add(pair(Kind.REQUESTED, 0, eve, ann));
        story.add(GraphChange.ofPair(Kind.BLOCKED, FriendshipId.of(ann.id(), bob.id()), 3, ann.id(), null,
                bob.id(), null));
        story.add(pair(Kind.REQUESTED, 2, ann, dan));
        story.add(GraphChange.erased(eve.id()));
        story.add(pair(Kind.REQUESTED, 0, cat, dan));
        story.add(pair(Kind.REQUESTED, 0, eve, cat));
        story.add(pair(Kind.REJECTED, 1, eve, ann));
        story.add(GraphChange.registered(bob.id(), bob.username()));
        // members cannot ask someone they block, but the order must not rest on what members can do: the block, then
        // a change of a kind sent before blocks in a round
        story.add(GraphChange.ofPair(Kind.BLOCKED, FriendshipId.of(bob.id(), dan.id()), 0, bob.id(), null,
                dan.id(), null));
        story.add(pair(Kind.REQUESTED, 1, bob, dan));
        return story;
    }

    private static List<String> operators(Plan plan) {
        List<String> operators = new ArrayList<>(List.of(plan.operatorType().replaceAll("@.*", "")));
        plan.children().forEach(child -> operators.addAll(operators(child)));
        return operators;
    }

    private static GraphChange pair(Kind kind, long seq, Bunny a, Bunny b) {
        return GraphChange.ofPair(kind, FriendshipId.of(a.id(), b.id()), seq, a.id(), a.username(), b.id(),
                b.username());
    }

    private Relationship relationship(Bunny from, Bunny to) {
        return graph.handle(new FindRelationship(from.id(), to.id()));
    }

    private boolean blocks(Bunny blocker, Bunny blocked) {
        return neo4j.query("RETURN EXISTS { (:Profile {id: $a})-[:BLOCKED]->(:Profile {id: $b}) }")
                .bindAll(Map.of("a", blocker.id().toString(), "b", blocked.id().toString()))
                .fetchAs(Boolean.class).one().orElseThrow();
    }

    private boolean profileExists(Bunny bunny) {
        return neo4j.query("RETURN EXISTS { (:Profile {id: $id}) }").bind(bunny.id().toString()).to("id")
                .fetchAs(Boolean.class).one().orElseThrow();
    }
}
