package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** What the walks through Neo4j's API share: the graph's names, as the projection writes them, and their steps. */
final class GraphWalking {

    static final Label PROFILE = Label.label("Profile");
    static final RelationshipType FRIEND = RelationshipType.withName("FRIEND");
    static final RelationshipType BLOCKED = RelationshipType.withName("BLOCKED");

    private GraphWalking() {
    }

    /** The members at the other end of the member's relationships of this type, either way. */
    static Set<Node> others(Node member, RelationshipType type) {
        Set<Node> others = new HashSet<>();
        try (ResourceIterable<Relationship> relationships = member.getRelationships(Direction.BOTH, type)) {
            for (Relationship relationship : relationships) {
                others.add(relationship.getOtherNode(member));
            }
        }
        return others;
    }

    /**
     * Each friend of a friend of {@code me} who is neither {@code me}, a friend, nor blocked by or blocking {@code me},
     * once per path that leads there: from the first {@code each} friends of each friend, and the first {@code paths}
     * such paths in all, in the order Neo4j keeps the relationships (the order Cypher expands them in). Only
     * relationships are read: friends and the blocked are gathered as sets first, as Cypher's triadic selection does.
     */
    static void friendsOfFriends(Node me, int each, int paths, Consumer<Node> candidate) {
        Set<Node> friends = others(me, FRIEND);
        Set<Node> blocked = others(me, BLOCKED);
        int found = 0;
        try (ResourceIterable<Relationship> mine = me.getRelationships(Direction.BOTH, FRIEND)) {
            for (Relationship friendship : mine) {
                Node friend = friendship.getOtherNode(me);
                try (ResourceIterable<Relationship> theirs = friend.getRelationships(Direction.BOTH, FRIEND)) {
                    int read = 0;
                    for (Relationship next : theirs) {
                        if (read++ == each) {
                            break;
                        }
                        Node other = next.getOtherNode(friend);
                        if (!other.equals(me) && !friends.contains(other) && !blocked.contains(other)) {
                            candidate.accept(other);
                            if (++found == paths) {
                                return;
                            }
                        }
                    }
                }
            }
        }
    }

    /** The member as a profile, as {@link GraphRow#profile} reads one from Cypher's rows. */
    static ProfileSummary profile(Node member) {
        return new ProfileSummary(UUID.fromString((String) member.getProperty("id")),
                (String) member.getProperty("username", null));
    }
}
