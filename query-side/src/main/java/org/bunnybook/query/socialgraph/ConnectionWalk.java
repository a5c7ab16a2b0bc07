package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.friendship.Connection;
import org.bunnybook.api.friendship.FindConnection;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.bunnybook.query.socialgraph.GraphWalking.BLOCKED;
import static org.bunnybook.query.socialgraph.GraphWalking.FRIEND;
import static org.bunnybook.query.socialgraph.GraphWalking.PROFILE;
import static org.bunnybook.query.socialgraph.GraphWalking.others;
import static org.bunnybook.query.socialgraph.GraphWalking.profile;

/**
 * A shortest chain of friends walked through Neo4j's own API, where the graph runs in this JVM: the question
 * {@link ConnectionQueries#SHORTEST_CHAIN} asks Cypher, answered alike (a chain as short; of several as short, either
 * may be the one shown). Both members are found by the unique index on {@code id}; the search goes breadth-first from
 * both at once, a friendship further each round from the side with fewer members to go on from, until the two sides
 * meet or the chain would be longer than {@link FindConnection#MAX_HOPS}. Members blocked by or blocking the one who
 * asks are stepped over, as Cypher's filter on the chain's members does. On the last round a side only looks for the
 * other one's members, keeping nothing.
 * <p>
 * Asked in Cypher, a third of a search's CPU at 100,000 members went to Cypher's own work for the query (its plan
 * looked up, the blocked members collected, the rows made), beside Neo4j's search itself (docs/performance.md, "The
 * connection path walked"). The transaction's time limit bounds the walk as it bounds a query: every step through
 * Neo4j's API checks that the transaction is still open.
 */
final class ConnectionWalk {

    private ConnectionWalk() {
    }

    /** The shortest chain from {@code from} to {@code to}; empty if none is short enough, or either is no member. */
    static Optional<Connection> between(Transaction transaction, String from, String to) {
        Node me = transaction.findNode(PROFILE, "id", from);
        Node them = transaction.findNode(PROFILE, "id", to);
        if (me == null || them == null) {
            return Optional.empty();
        }
        if (me.equals(them)) {
            return Optional.of(new Connection(List.of(profile(me))));
        }
        Set<Node> hidden = others(me, BLOCKED);
        if (hidden.contains(them)) {
            return Optional.empty();
        }
        Side near = new Side(me);
        Side far = new Side(them);
        for (int hops = 1; hops <= FindConnection.MAX_HOPS; hops++) {
            Side growing = near.frontier.size() <= far.frontier.size() ? near : far;
            Node meeting = growing.grow(growing == near ? far : near, hidden, hops == FindConnection.MAX_HOPS);
            if (meeting != null) {
                return Optional.of(new Connection(chain(near, far, meeting)));
            }
            if (growing.frontier.isEmpty()) {
                return Optional.empty(); // nobody left to go on from: the two are not connected at all
            }
        }
        return Optional.empty();
    }

    /** The members a search has reached from one end, each with the member it was reached from. */
    private static final class Side {
        private final Map<Node, Node> reachedFrom = new HashMap<>();
        private List<Node> frontier;

        Side(Node end) {
            reachedFrom.put(end, null);
            frontier = List.of(end);
        }

        /**
         * Reaches the friends of the last round's members; answers the first one the other side has reached, or
         * null. A last round keeps nothing it reaches: there is no round after it.
         */
        Node grow(Side other, Set<Node> hidden, boolean last) {
            List<Node> next = new ArrayList<>();
            for (Node member : frontier) {
                try (ResourceIterable<Relationship> friendships = member.getRelationships(Direction.BOTH, FRIEND)) {
                    for (Relationship friendship : friendships) {
                        Node friend = friendship.getOtherNode(member);
                        if (reachedFrom.containsKey(friend) || hidden.contains(friend)) {
                            continue;
                        }
                        if (other.reachedFrom.containsKey(friend)) {
                            reachedFrom.put(friend, member);
                            return friend;
                        }
                        if (!last) {
                            reachedFrom.put(friend, member);
                            next.add(friend);
                        }
                    }
                }
            }
            frontier = next;
            return null;
        }
    }

    /** From the near end to the far one, through the member where the two sides met. */
    private static List<ProfileSummary> chain(Side near, Side far, Node meeting) {
        List<ProfileSummary> chain = new ArrayList<>();
        for (Node member = meeting; member != null; member = near.reachedFrom.get(member)) {
            chain.add(0, profile(member));
        }
        for (Node member = far.reachedFrom.get(meeting); member != null; member = far.reachedFrom.get(member)) {
            chain.add(profile(member));
        }
        return chain;
    }
}
