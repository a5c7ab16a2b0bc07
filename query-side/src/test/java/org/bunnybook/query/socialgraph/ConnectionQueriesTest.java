package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.block.MemberBlocked;
import org.bunnybook.api.friendship.Connection;
import org.bunnybook.api.friendship.FindConnection;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shortest chains of friends in the graph the projection builds, walked in this JVM (the run mode's way) and asked of
 * Cypher over Bolt (a Neo4j server's), alike; and the plan Neo4j runs Cypher's with.
 */
@ReadModelTest({
        SocialGraphProjection.class, GraphWrites.class, GraphWritesConfiguration.class, ConnectionQueries.class,
        GraphReadsConfiguration.class, HomeDatabase.class, SocialGraphCache.class})
// a busy machine may plan the first search for longer than the production timeout: that is an outage, not a wrong answer
@TestPropertySource(properties = "bunnybook.connections.timeout=10s")
class ConnectionQueriesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    ProjectionEvents events;

    @Autowired
    ConnectionQueries connections;

    @Autowired
    Driver neo4j;

    @Autowired
    HomeDatabase database;

    @Autowired
    GraphReads configured;

    private ConnectionQueries inCypher;

    @BeforeEach
    void overBoltToo() {
        assertThat(configured).isInstanceOf(InProcessGraphReads.class); // so that `connections` walks
        inCypher = new ConnectionQueries(new BoltGraphReads(neo4j, database, TIMEOUT, Clock.systemUTC()), TIMEOUT);
    }

    @Test
    void aChainOfFriendsIsFoundInOrderUpToFourFriendshipsAndNoFurther() {
        List<Bunny> chain = Bunny.named("a", "b", "c", "d", "e", "f");
        for (int i = 0; i + 1 < chain.size(); i++) {
            befriend(chain.get(i), chain.get(i + 1));
        }
        for (int degree = 1; degree <= FindConnection.MAX_HOPS; degree++) {
            assertThat(connection(chain.get(0), chain.get(degree))).as("degree %d", degree)
                    .contains(new Connection(summaries(chain.subList(0, degree + 1))));
        }
        assertThat(connection(chain.get(4), chain.get(0))).map(Connection::path)
                .contains(summaries(List.of(chain.get(4), chain.get(3), chain.get(2), chain.get(1), chain.get(0))));
        assertThat(connection(chain.get(0), chain.get(5))).as("five friendships away").isEmpty();
    }

    /**
     * The search grows from whichever end has fewer members to go on from, so a member with many friends makes it
     * grow from the other end for most of the way; the chain comes out in order either way.
     */
    @Test
    void theChainIsInOrderWhicheverEndTheSearchGrewFrom() {
        List<Bunny> chain = Bunny.named("popular", "b2", "c2", "d2", "quiet");
        for (int i = 0; i + 1 < chain.size(); i++) {
            befriend(chain.get(i), chain.get(i + 1));
        }
        for (Bunny other : Bunny.named("x1", "x2", "x3")) {
            befriend(chain.get(0), other);
        }

        assertThat(connection(chain.get(0), chain.get(4))).contains(new Connection(summaries(chain)));
        List<Bunny> back = new ArrayList<>(chain);
        Collections.reverse(back);
        assertThat(connection(chain.get(4), chain.get(0))).contains(new Connection(summaries(back)));
    }

    @Test
    void theShortestOfSeveralChainsIsChosen() {
        List<Bunny> bunnies = Bunny.named("me", "long1", "long2", "short", "far");
        Bunny me = bunnies.get(0), far = bunnies.get(4);
        befriend(me, bunnies.get(1));
        befriend(bunnies.get(1), bunnies.get(2));
        befriend(bunnies.get(2), far);
        befriend(me, bunnies.get(3));
        befriend(bunnies.get(3), far);

        assertThat(connection(me, far)).map(Connection::path)
                .contains(summaries(List.of(me, bunnies.get(3), far)));
    }

    @Test
    void unfriendingBreaksTheChainAndAnotherOneIsFoundIfThereIs() {
        List<Bunny> bunnies = Bunny.named("gil", "hob", "ida", "jem");
        Bunny gil = bunnies.get(0), hob = bunnies.get(1), ida = bunnies.get(2), jem = bunnies.get(3);
        befriend(gil, hob);
        befriend(hob, jem);
        befriend(gil, ida);
        befriend(ida, hob);
        assertThat(connection(gil, jem)).map(Connection::degree).contains(2);

        events.given(gil.friendshipWith(hob), gil.unfriends(hob));
        assertThat(connection(gil, jem)).map(Connection::path).contains(summaries(List.of(gil, ida, hob, jem)));

        events.given(hob.friendshipWith(jem), hob.unfriends(jem));
        assertThat(connection(gil, jem)).isEmpty();
    }

    @Test
    void oneselfIsAChainOfNoFriendshipsAndStrangersToTheGraphHaveNone() {
        Bunny kit = Bunny.named("kit");
        events.given(kit.id(), kit.registers());

        assertThat(connection(kit, kit)).contains(new Connection(summaries(List.of(kit))));
        assertThat(bothWays(new FindConnection(kit.id(), UUID.randomUUID()))).isEmpty();
        UUID nobody = UUID.randomUUID();
        assertThat(bothWays(new FindConnection(nobody, nobody))).isEmpty();
    }

    /**
     * Whoever blocks or is blocked by the one who asks is on no chain they are shown (a longer one around them is),
     * and not connected to them at all; others' chains run through them as before.
     */
    @Test
    void membersBlockedEitherWayAreSteppedOverAndNotConnectedToTheOneWhoAsks() {
        List<Bunny> bunnies = Bunny.named("asker", "via1", "pest", "via2", "via3", "target", "nuisance", "loner");
        Bunny asker = bunnies.get(0), via1 = bunnies.get(1), pest = bunnies.get(2), target = bunnies.get(5);
        Bunny nuisance = bunnies.get(6), loner = bunnies.get(7);
        befriend(asker, via1);
        befriend(via1, pest);
        befriend(pest, target);
        befriend(via1, bunnies.get(3));
        befriend(bunnies.get(3), bunnies.get(4));
        befriend(bunnies.get(4), target);
        befriend(via1, nuisance);
        befriend(nuisance, loner);
        assertThat(connection(asker, target)).map(Connection::path)
                .contains(summaries(List.of(asker, via1, pest, target)));
        assertThat(connection(asker, loner)).map(Connection::degree).contains(3);

        events.given(asker.friendshipWith(pest), new MemberBlocked(asker.friendshipWith(pest), asker.id(), pest.id()));
        events.given(asker.friendshipWith(nuisance),
                new MemberBlocked(asker.friendshipWith(nuisance), nuisance.id(), asker.id()));

        assertThat(connection(asker, target)).map(Connection::path).as("around the one blocked")
                .contains(summaries(List.of(asker, via1, bunnies.get(3), bunnies.get(4), target)));
        assertThat(connection(asker, loner)).as("only the one blocking led there").isEmpty();
        assertThat(connection(asker, pest)).isEmpty();
        assertThat(connection(pest, asker)).isEmpty();
        assertThat(connection(asker, nuisance)).isEmpty();
        assertThat(connection(via1, loner)).map(Connection::path).as("others' chains are theirs")
                .contains(summaries(List.of(via1, nuisance, loner)));
    }

    /**
     * Both members are found through the unique index on their ids, and the chain by the bidirectional search
     * between them, never by expanding variable-length paths and filtering them afterwards.
     */
    @Test
    void theSearchStartsFromBothMembersByTheirIdsAndMeetsInTheMiddle() {
        List<String> operators = PlanOperators.of(neo4j, ConnectionQueries.SHORTEST_CHAIN,
                Map.of("from", UUID.randomUUID().toString(), "to", UUID.randomUUID().toString()));
        assertThat(operators).as(operators.toString())
                .filteredOn(operator -> operator.startsWith("NodeUniqueIndexSeek")).hasSize(2);
        assertThat(operators).as(operators.toString())
                .anyMatch(operator -> operator.startsWith("ShortestPath"))
                .noneMatch(operator -> operator.contains("VarLengthExpand") || operator.contains("Scan"));
    }

    private void befriend(Bunny requester, Bunny target) {
        events.given(requester.friendshipWith(target), requester.asksToBefriend(target), target.accepts(requester));
    }

    private Optional<Connection> connection(Bunny from, Bunny to) {
        return bothWays(new FindConnection(from.id(), to.id()));
    }

    /** The chain walked, after checking that Cypher finds the same one. */
    private Optional<Connection> bothWays(FindConnection query) {
        Optional<Connection> walked = connections.handle(query);
        assertThat(walked).as("walked, against Cypher's").isEqualTo(inCypher.handle(query));
        return walked;
    }

    private static List<ProfileSummary> summaries(List<Bunny> bunnies) {
        return bunnies.stream().map(bunny -> new ProfileSummary(bunny.id(), bunny.username())).toList();
    }
}
