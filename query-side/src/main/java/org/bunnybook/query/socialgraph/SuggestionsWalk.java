package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

import static org.bunnybook.query.socialgraph.GraphWalking.PROFILE;
import static org.bunnybook.query.socialgraph.GraphWalking.friendsOfFriends;
import static org.bunnybook.query.socialgraph.GraphWalking.profile;

/**
 * Suggestions A→Z walked through Neo4j's own API, where the graph runs in this JVM: the answer
 * {@link SocialGraphQueries#SUGGESTIONS} asks Cypher for. Every friend of a friend is gathered over relationships
 * alone, then each one's key is read once and the page kept as the {@code limit} smallest keys after {@code after}
 * (a heap of the page's size, not a sort of them all). Cypher walks the {@code key} index in order instead, reading
 * about {@code limit × members ÷ candidates} entries, ten times as many at 100,000 members as at 10,000, and its p99
 * grew past twice the 10,000-member one in two runs of three; the walk reads the ~2,400 candidates' keys whatever
 * the network's size. It answers faster at 10,000 members and at p99 at 100,000, not at p50 there, where the scattered
 * reads of keys cost more than Cypher's ordered walk of the index (docs/performance.md, "Suggestions walked"). As in
 * {@link MutualFriendsWalk}, a suggestion is a profile the projection gave a key, and keys (ASCII) order in Java as in
 * Cypher.
 */
final class SuggestionsWalk {

    private SuggestionsWalk() {
    }

    /** Friends of friends of {@code id} with a key after {@code after}, A→Z, at most {@code limit}. */
    static List<ProfileSummary> of(Transaction transaction, String id, String after, int limit) {
        Node me = transaction.findNode(PROFILE, "id", id);
        if (me == null || limit <= 0) {
            return List.of();
        }
        Set<Node> candidates = new HashSet<>();
        friendsOfFriends(me, Integer.MAX_VALUE, Integer.MAX_VALUE, candidates::add);
        record Keyed(String key, Node node) {
        }
        Comparator<Keyed> byKey = Comparator.comparing(Keyed::key);
        PriorityQueue<Keyed> page = new PriorityQueue<>(limit + 1, byKey.reversed()); // the last of the page on top
        for (Node candidate : candidates) {
            if (candidate.getProperty("key", null) instanceof String key && key.compareTo(after) > 0
                    && (page.size() < limit || key.compareTo(page.peek().key()) < 0)) {
                page.add(new Keyed(key, candidate));
                if (page.size() > limit) {
                    page.poll();
                }
            }
        }
        return page.stream().sorted(byKey).map(suggestion -> profile(suggestion.node())).toList();
    }
}
