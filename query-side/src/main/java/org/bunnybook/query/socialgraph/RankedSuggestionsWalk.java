package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.bunnybook.query.socialgraph.GraphWalking.BLOCKED;
import static org.bunnybook.query.socialgraph.GraphWalking.FRIEND;
import static org.bunnybook.query.socialgraph.GraphWalking.PROFILE;
import static org.bunnybook.query.socialgraph.GraphWalking.others;
import static org.bunnybook.query.socialgraph.GraphWalking.profile;

/**
 * Suggestions ranked by mutual friends walked through Neo4j's own API, where the graph runs in this JVM: the answer
 * {@link SocialGraphQueries#RANKED} asks Cypher for, with the same bounds (the first {@code each} friends of each
 * friend, the first {@code paths} friend-of-friend paths) and the same order (more mutual friends first, then A→Z by
 * key). Cypher collects every candidate with its key to find the page's cursor and sort them; the walk counts the
 * candidates' mutual friends without reading any of their properties, finds the cursor by the {@code key} index,
 * and reads keys only in the groups of equal counts the page is drawn from, the highest first: at 10,000 members
 * the first page of a member with ~2,300 candidates reads the keys of the few hundred with two mutual friends or more
 * (docs/performance.md, "Ranked suggestions walked"); a group far larger than the page is met in the key index's
 * order instead ({@link ProfilesByKey}; docs/performance.md, "Ranked suggestions: the large group in key order"). A
 * profile without a key (one the projection met in a block before its member's registration) is counted but never
 * suggested, as in Cypher; keys (ASCII) order in Java as in Cypher ({@link MutualFriendsWalk}).
 */
final class RankedSuggestionsWalk {

    private RankedSuggestionsWalk() {
    }

    /**
     * The page after the suggestion whose key is {@code after} (from the top when no suggestion has that key), at most
     * {@code limit}, counting at most {@code each} friends of each friend and {@code paths} paths in all.
     */
    static List<ProfileSummary> of(Transaction transaction, String id, String after, int limit, int each, int paths) {
        Node me = transaction.findNode(PROFILE, "id", id);
        if (me == null || limit <= 0 || each <= 0 || paths <= 0) {
            return List.of(); // as Cypher's LIMIT 0
        }
        Map<Node, Integer> mutual = mutualFriends(me, each, paths);
        Integer cursor = cursor(transaction, after, mutual);
        // the candidates grouped by their count of mutual friends, the most first
        TreeMap<Integer, List<Node>> byCount = new TreeMap<>(Comparator.reverseOrder());
        mutual.forEach((candidate, count) -> {
            if (cursor == null || count <= cursor) {
                byCount.computeIfAbsent(count, ignored -> new ArrayList<>()).add(candidate);
            }
        });
        List<ProfileSummary> page = new ArrayList<>();
        long profiles = ProfilesByKey.count(transaction);
        for (Map.Entry<Integer, List<Node>> group : byCount.entrySet()) {
            if (page.size() >= limit) {
                break;
            }
            boolean atCursor = cursor != null && group.getKey().equals(cursor);
            ProfilesByKey.first(transaction, group.getValue(), atCursor ? after : null, limit - page.size(), profiles)
                    .forEach(suggestion -> page.add(profile(suggestion)));
        }
        return page;
    }

    /**
     * Each friend of a friend's count of mutual friends, from the first {@code each} friends of each friend and the
     * first {@code paths} paths that lead to neither oneself, a friend nor a member blocked by or blocking oneself.
     */
    private static Map<Node, Integer> mutualFriends(Node me, int each, int paths) {
        Set<Node> friends = others(me, FRIEND);
        Set<Node> blocked = others(me, BLOCKED);
        Map<Node, Integer> mutual = new HashMap<>();
        int counted = 0;
        try (ResourceIterable<Relationship> mine = me.getRelationships(Direction.BOTH, FRIEND)) {
            for (Relationship friendship : mine) {
                Node friend = friendship.getOtherNode(me);
                try (ResourceIterable<Relationship> theirs = friend.getRelationships(Direction.BOTH, FRIEND)) {
                    int read = 0;
                    for (Relationship next : theirs) {
                        if (read++ == each) {
                            break;
                        }
                        Node candidate = next.getOtherNode(friend);
                        if (!candidate.equals(me) && !friends.contains(candidate) && !blocked.contains(candidate)) {
                            mutual.merge(candidate, 1, Integer::sum);
                            if (++counted == paths) {
                                return mutual;
                            }
                        }
                    }
                }
            }
        }
        return mutual;
    }

    /** The count of mutual friends of the suggestion whose key is {@code after}, if one has it. */
    private static Integer cursor(Transaction transaction, String after, Map<Node, Integer> mutual) {
        try (ResourceIterator<Node> keyed = transaction.findNodes(PROFILE, "key", after)) {
            while (keyed.hasNext()) {
                Integer count = mutual.get(keyed.next());
                if (count != null) {
                    return count;
                }
            }
        }
        return null;
    }
}
