package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.friendship.Connection;
import org.bunnybook.api.friendship.FindConnection;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Shortest chains of friends in the graph the projection builds, and the plan Neo4j runs them with. */
@ReadModelTest({
        SocialGraphProjection.class, GraphWrites.class, ConnectionQueries.class, GraphReadsConfiguration.class,
        HomeDatabase.class, SocialGraphCache.class})
// a busy machine may plan the first search for longer than the production timeout: that is an outage, not a wrong answer
@TestPropertySource(properties = "bunnybook.connections.timeout=10s")
class ConnectionQueriesTest {

    @Autowired
    ProjectionEvents events;

    @Autowired
    ConnectionQueries connections;

    @Autowired
    Driver neo4j;

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
        assertThat(connections.handle(new FindConnection(kit.id(), UUID.randomUUID()))).isEmpty();
        UUID nobody = UUID.randomUUID();
        assertThat(connections.handle(new FindConnection(nobody, nobody))).isEmpty();
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
        return connections.handle(new FindConnection(from.id(), to.id()));
    }

    private static List<ProfileSummary> summaries(List<Bunny> bunnies) {
        return bunnies.stream().map(bunny -> new ProfileSummary(bunny.id(), bunny.username())).toList();
    }
}
