package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static org.bunnybook.query.socialgraph.GraphWalking.FRIEND;
import static org.bunnybook.query.socialgraph.GraphWalking.PROFILE;
import static org.bunnybook.query.socialgraph.GraphWalking.others;
import static org.bunnybook.query.socialgraph.GraphWalking.profile;

/**
 * Mutual friends walked through Neo4j's own API, where the graph runs in this JVM: both members found by the unique
 * index on {@code id}, one's friends gathered into a set, the other's kept if they are in it, and only the kept ones'
 * keys read. The same answer as {@link SocialGraphQueries#MUTUAL_FRIENDS}, its order included: keys are
 * lower-cased usernames, which are ASCII (docs/http-api.md), and Java orders them as Cypher does. (Beyond ASCII the
 * two differ, and Cypher even differs from itself: its {@code ORDER BY} puts a character beyond U+FFFF after U+FFxx,
 * its {@code >} before.) Each mutual friend comes once, as a profile the projection gave a key. Asked in Cypher,
 * a third of the question's CPU went to setting up Cypher's execution (half of it finding the plan in its cache),
 * more than its rows took; walked, the question takes half the time at 10,000 members (docs/performance.md, "The
 * social graph's reads, fifth pass").
 */
final class MutualFriendsWalk {

    private MutualFriendsWalk() {
    }

    /** Mutual friends of {@code id} and {@code other} with a key after {@code after}, A→Z, at most {@code limit}. */
    static List<ProfileSummary> of(Transaction transaction, String id, String other, String after, int limit) {
        Node me = transaction.findNode(PROFILE, "id", id);
        Node them = transaction.findNode(PROFILE, "id", other);
        if (me == null || them == null) {
            return List.of();
        }
        Set<Node> mine = others(me, FRIEND);
        record Found(String key, Node node) {
        }
        List<Found> found = new ArrayList<>();
        for (Node friend : others(them, FRIEND)) {
            if (mine.contains(friend) && friend.getProperty("key", null) instanceof String key
                    && key.compareTo(after) > 0) {
                found.add(new Found(key, friend));
            }
        }
        return found.stream().sorted(Comparator.comparing(Found::key)).limit(limit)
                .map(mutual -> profile(mutual.node())).toList();
    }
}
