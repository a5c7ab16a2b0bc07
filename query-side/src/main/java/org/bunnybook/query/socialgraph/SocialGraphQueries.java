package org.bunnybook.query.socialgraph;

import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.friendship.FindFriendRequests;
import org.bunnybook.api.friendship.FindFriendSuggestions;
import org.bunnybook.api.friendship.FindFriends;
import org.bunnybook.api.friendship.FindMutualFriends;
import org.bunnybook.api.friendship.FindRelationship;
import org.bunnybook.api.friendship.Relationship;
import org.bunnybook.query.cache.GenerationalCache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Answers friendship questions from the graph, A→Z by the lower-cased username (unique, so pages never overlap).
 * Relationships and friend-list pages are the most asked and go through the friendship cache
 * ({@link SocialGraphCache}). Every value reaches Cypher as a parameter.
 */
@Component
class SocialGraphQueries {

    private static final String PROFILE = "RETURN p.id AS id, p.username AS username";

    private final Neo4jClient neo4j;
    private final GenerationalCache cache;

    SocialGraphQueries(Neo4jClient neo4j, @Qualifier(SocialGraphCache.NAME) GenerationalCache cache) {
        this.neo4j = neo4j;
        this.cache = cache;
    }

    @QueryHandler
    Relationship handle(FindRelationship query) {
        if (query.from().equals(query.to())) {
            return Relationship.SELF;
        }
        return cache.get("relationship:" + query.from() + ":" + query.to(), List.of(query.from(), query.to()),
                new TypeReference<>() {
                }, () -> relationship(query.from(), query.to()));
    }

    private Relationship relationship(UUID from, UUID to) {
        return neo4j.query("""
                        MATCH (a:Profile {id: $from})-[r:FRIEND|REQUESTED]-(b:Profile {id: $to})
                        RETURN CASE WHEN type(r) = 'FRIEND' THEN 'FRIEND'
                                    WHEN startNode(r) = a THEN 'OUTGOING_FRIEND_REQUEST'
                                    ELSE 'INCOMING_FRIEND_REQUEST' END AS relationship""")
                .bindAll(Map.of("from", from.toString(), "to", to.toString()))
                .fetchAs(String.class).first()
                .map(Relationship::valueOf)
                .orElse(Relationship.NONE);
    }

    @QueryHandler
    List<ProfileSummary> handle(FindFriends query) {
        return cache.get("friends:" + query.profileId() + ":" + query.limit() + ":" + key(query.usernameGt()),
                List.of(query.profileId()), new TypeReference<>() {
                }, () -> profiles("""
                        MATCH (:Profile {id: $id})-[:FRIEND]-(p:Profile) WHERE p.key > $after
                        """ + PROFILE + " ORDER BY p.key LIMIT $limit",
                        Map.of("id", query.profileId().toString(), "after", key(query.usernameGt()),
                                "limit", query.limit())));
    }

    @QueryHandler
    List<ProfileSummary> handle(FindMutualFriends query) {
        return profiles("""
                        MATCH (:Profile {id: $id})-[:FRIEND]-(p:Profile)-[:FRIEND]-(:Profile {id: $other})
                        WHERE p.key > $after
                        """ + PROFILE + " ORDER BY p.key LIMIT $limit",
                Map.of("id", query.profileId().toString(), "other", query.otherId().toString(),
                        "after", key(query.usernameGt()), "limit", query.limit()));
    }

    @QueryHandler
    List<ProfileSummary> handle(FindFriendRequests query) {
        String direction = query.direction() == FindFriendRequests.Direction.INCOMING
                ? "(:Profile {id: $id})<-[:REQUESTED]-(p:Profile)"
                : "(:Profile {id: $id})-[:REQUESTED]->(p:Profile)";
        return profiles("MATCH " + direction + " WHERE p.key > $after " + PROFILE + " ORDER BY p.key LIMIT $limit",
                Map.of("id", query.profileId().toString(), "after", key(query.usernameGt()),
                        "limit", query.limit()));
    }

    /**
     * Friends of friends, counted by how many friends lead to each. Ranked by that count, the page after
     * {@code usernameGt} starts below that suggestion's place in the ranking.
     */
    @QueryHandler
    List<ProfileSummary> handle(FindFriendSuggestions query) {
        String candidates = """
                MATCH (me:Profile {id: $id})-[:FRIEND]-(:Profile)-[:FRIEND]-(p:Profile)
                WHERE p <> me AND NOT (me)-[:FRIEND]-(p)
                WITH p, count(*) AS mutual
                """;
        Map<String, Object> parameters = Map.of("id", query.profileId().toString(),
                "after", key(query.usernameGt()), "limit", query.limit());
        if (!query.byMutualFriends()) {
            return profiles(candidates + "WHERE p.key > $after " + PROFILE + " ORDER BY p.key LIMIT $limit",
                    parameters);
        }
        return profiles(candidates + """
                WITH collect({p: p, mutual: mutual}) AS ranked
                WITH ranked, [c IN ranked WHERE c.p.key = $after][0] AS cursor
                UNWIND ranked AS c
                WITH c.p AS p, c.mutual AS mutual, cursor
                WHERE cursor IS NULL OR mutual < cursor.mutual OR (mutual = cursor.mutual AND p.key > cursor.p.key)
                """ + PROFILE + " ORDER BY mutual DESC, p.key LIMIT $limit", parameters);
    }

    private List<ProfileSummary> profiles(String cypher, Map<String, Object> parameters) {
        Collection<ProfileSummary> profiles = neo4j.query(cypher).bindAll(parameters)
                .fetchAs(ProfileSummary.class)
                .mappedBy((types, record) -> new ProfileSummary(UUID.fromString(record.get("id").asString()),
                        record.get("username").asString()))
                .all();
        return List.copyOf(profiles);
    }

    /** Where a page starts: after this username's key, or from the beginning. */
    private static String key(String usernameGt) {
        return usernameGt == null ? "" : usernameGt.toLowerCase(Locale.ROOT);
    }
}
