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
import java.util.Optional;
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
 * order instead (docs/performance.md, "Ranked suggestions: the large group in key order"). A profile without a key
 * (one the projection met in a block before its member's registration) is counted but never suggested, as in Cypher;
 * keys (ASCII) order in Java as in Cypher ({@link MutualFriendsWalk}).
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
            firstByKey(transaction, group.getValue(), atCursor ? after : null, limit - page.size(), profiles)
                    .forEach(suggestion -> page.add(profile(suggestion)));
        }
        return page;
    }

    /**
     * The first {@code wanted} of a group of candidates by key, after {@code after} (from the first if null). A
     * group much larger than the page is met in the key index's order ({@link ProfilesByKey}): among N members, a
     * group of g holds one in every N ÷ g entries, so about {@code wanted × N ÷ g} entries are read, where its keys
     * would be g scattered reads, each worth {@link SocialGraphQueries#INDEX_ENTRIES_PER_KEY_READ} entries (the
     * choice A→Z suggestions make in Cypher). At 100,000 members this is the group of the ~2,400 with one mutual
     * friend, which a first page reaches when fewer candidates than it holds have two or more (docs/performance.md).
     */
    private static List<Node> firstByKey(Transaction transaction, List<Node> group, String after, int wanted,
                                         long profiles) {
        long keyReads = (long) group.size() * SocialGraphQueries.INDEX_ENTRIES_PER_KEY_READ; // in index entries
        if (group.size() > wanted && wanted * profiles < keyReads * group.size()) {
            Map<Long, Node> byId = new HashMap<>(group.size() * 2);
            group.forEach(candidate -> byId.put(id(candidate), candidate));
            // given up (and the keys read) past twice what they cost: the group's keys may all sort late
            Optional<List<Node>> inOrder = ProfilesByKey.firstAfter(transaction, byId, after, wanted, 2 * keyReads);
            if (inOrder.isPresent()) {
                return inOrder.get();
            }
        }
        record Keyed(String key, Node node) {
        }
        List<Keyed> keyed = new ArrayList<>(group.size());
        for (Node candidate : group) {
            if (candidate.getProperty("key", null) instanceof String key
                    && (after == null || key.compareTo(after) > 0)) {
                keyed.add(new Keyed(key, candidate));
            }
        }
        return keyed.stream().sorted(Comparator.comparing(Keyed::key)).limit(wanted).map(Keyed::node).toList();
    }

    /** The node's id in the store, as the kernel's index cursors name nodes. */
    @SuppressWarnings("removal") // the kernel's name for a node, which Neo4j 5 (this project's) still has
    private static long id(Node node) {
        return node.getId();
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
