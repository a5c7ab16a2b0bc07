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

/** What the walks through Neo4j's API share: the graph's names, as the projection writes them, and two steps. */
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

    /** The member as a profile, as {@link GraphRow#profile} reads one from Cypher's rows. */
    static ProfileSummary profile(Node member) {
        return new ProfileSummary(UUID.fromString((String) member.getProperty("id")),
                (String) member.getProperty("username", null));
    }
}
