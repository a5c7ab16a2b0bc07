package org.bunnybook.query.socialgraph;

import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.Node;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.query.socialgraph.GraphWalking.PROFILE;

/**
 * Candidates met in the key index's order, through Neo4j's kernel: in key order from the start or after a key, only
 * the candidates, given up when the entries allowed run out, and the same page as the candidates' keys sorted. The
 * graph holds the other test classes' members too, which the walk steps over.
 */
@ReadModelTest({
        SocialGraphProjection.class, GraphWrites.class, GraphWritesConfiguration.class, SocialGraphQueries.class,
        GraphReadsConfiguration.class, HomeDatabase.class, SocialGraphCache.class})
class ProfilesByKeyTest {

    private static final long ALL = Long.MAX_VALUE;

    @Autowired
    ProjectionEvents events;

    @Autowired
    GraphReads graph;

    @Test
    void candidatesAreMetInKeyOrderAfterTheGivenKey() {
        // registered out of order; "lime" is a member but no candidate
        List<Bunny> bunnies = Bunny.named("kiwi", "fig", "date", "lime", "yuzu", "pear");
        bunnies.forEach(bunny -> events.given(bunny.id(), bunny.registers()));
        Bunny kiwi = bunnies.get(0), fig = bunnies.get(1), date = bunnies.get(2), lime = bunnies.get(3),
                yuzu = bunnies.get(4), pear = bunnies.get(5);

        List<String> walked = graph.walkInThisJvm(transaction -> {
            Map<Long, Node> candidates = new LinkedHashMap<>();
            for (Bunny bunny : List.of(kiwi, fig, date, yuzu, pear)) {
                Node node = transaction.findNode(PROFILE, "id", bunny.id().toString());
                candidates.put(ProfilesByKey.id(node), node);
            }
            String figKey = fig.username().toLowerCase();
            assertThat(names(ProfilesByKey.walk(transaction, candidates, null, 3, ALL)))
                    .containsExactly(date.username(), fig.username(), kiwi.username());
            assertThat(names(ProfilesByKey.walk(transaction, candidates, figKey, 2, ALL)))
                    .as("after fig, lime stepped over").containsExactly(kiwi.username(), pear.username());
            assertThat(names(ProfilesByKey.walk(transaction, candidates, figKey, 10, ALL)))
                    .as("the index's end before the page's").containsExactly(kiwi.username(), pear.username(),
                            yuzu.username());
            assertThat(ProfilesByKey.walk(transaction, candidates, null, 3, 1)).as("one entry allowed").isEmpty();
            // told of few members, the index's way is taken; of very many, the keys are read: a page alike
            List<Node> inIndexOrder = ProfilesByKey.first(transaction, candidates.values(), figKey, 2, 0);
            List<Node> byKeys = ProfilesByKey.first(transaction, candidates.values(), figKey, 2, 1_000_000_000);
            assertThat(inIndexOrder).isEqualTo(byKeys);
            return byKeys.stream().map(node -> (String) node.getProperty("username")).toList();
        }).orElseThrow();

        assertThat(walked).containsExactly(kiwi.username(), pear.username());
        assertThat(walked).doesNotContain(lime.username());
    }

    private static List<String> names(Optional<List<Node>> nodes) {
        assertThat(nodes).isPresent();
        return nodes.get().stream().map(node -> (String) node.getProperty("username")).toList();
    }
}
