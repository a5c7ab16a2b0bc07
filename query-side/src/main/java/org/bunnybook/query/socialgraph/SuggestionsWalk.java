package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.bunnybook.query.socialgraph.GraphWalking.BLOCKED;
import static org.bunnybook.query.socialgraph.GraphWalking.FRIEND;
import static org.bunnybook.query.socialgraph.GraphWalking.PROFILE;
import static org.bunnybook.query.socialgraph.GraphWalking.others;

/**
 * Suggestions A→Z walked through Neo4j's own API, where the graph runs in this JVM: the answer
 * {@link SocialGraphQueries#SUGGESTIONS} asks Cypher for (every friend of a friend who is neither oneself, a friend,
 * nor blocked by or blocking oneself, A→Z by key after the page's start), gathered over relationships alone and put in
 * order as the Cypher does it, by the key index's order or by their keys ({@link ProfilesByKey}), without Cypher's
 * work on rows. Walked once before, it read every candidate's key and lost to Cypher's ordered walk of the index at
 * 100,000 members (docs/performance.md, "Ranked suggestions walked"); it now walks the index as Cypher does.
 */
final class SuggestionsWalk {

    private SuggestionsWalk() {
    }

    /** The page after the key {@code after}, at most {@code limit}. */
    static List<ProfileSummary> of(Transaction transaction, String id, String after, int limit) {
        Node me = transaction.findNode(PROFILE, "id", id);
        if (me == null || limit <= 0) {
            return List.of(); // as Cypher's LIMIT 0
        }
        Set<Node> friends = others(me, FRIEND);
        Set<Node> blocked = others(me, BLOCKED);
        Set<Node> candidates = new HashSet<>();
        for (Node friend : friends) {
            try (ResourceIterable<Relationship> theirs = friend.getRelationships(Direction.BOTH, FRIEND)) {
                for (Relationship friendship : theirs) {
                    Node candidate = friendship.getOtherNode(friend);
                    if (!candidate.equals(me) && !friends.contains(candidate) && !blocked.contains(candidate)) {
                        candidates.add(candidate);
                    }
                }
            }
        }
        return ProfilesByKey.first(transaction, candidates, after, limit, ProfilesByKey.count(transaction)).stream()
                .map(GraphWalking::profile).toList();
    }
}
