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
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Answers friendship questions from the graph, A→Z by the lower-cased username (unique, so pages never overlap).
 * Every value reaches Cypher as a parameter. Each question is one read of the graph ({@link GraphReads}).
 * Relationships and friend-list pages are the most asked and, when the graph is read over Bolt, go through the
 * friendship cache ({@link SocialGraphCache}): a hit is one Redis round trip, 3–4× faster than a Bolt question. Read
 * in this JVM, the graph answers them as fast as a Redis hit at p50 and faster at p99 (docs/performance.md), so the
 * cache is not read; the projection moves its generations on either way, so it stays right for every node.
 * <p>
 * Only the members a question names by id are matched by label (and index). Whoever a {@code FRIEND},
 * {@code REQUESTED} or {@code BLOCKED} relationship leads to is a profile, as the projection only ever joins two
 * {@code Profile} nodes ({@link GraphWrites}), so the label is not checked again: that check read every friend of a
 * friend's node once more, a third of a suggestion's database hits (docs/performance.md).
 */
@Component
class SocialGraphQueries {

    private static final String PROFILE = "RETURN p.id AS id, p.username AS username";
    /**
     * Every page of profiles starts from the member it is about ({@code me}), found by the unique index on
     * {@code id}. Left to its estimates, the planner may instead walk the {@code key} index in order, to serve
     * {@code ORDER BY p.key LIMIT}, when the statistics it plans with are those of a young or fast-growing graph;
     * the plan stays in its cache and reads every profile for every question (568 ms for mutual friends at 10,000
     * members, docs/performance.md). Spaced on both sides: a text block drops the space before its closing quotes.
     */
    private static final String ANCHORED = " USING INDEX SEEK me:Profile(id) ";
    /**
     * Most friends of each friend counted towards a ranked suggestion, and most friend-of-friend paths counted in
     * all: a member whose friends have thousands of friends between them costs at most this much work. Below
     * these, as for almost every member, the counts are exact; above them the ranking is that of the first
     * {@value #RANKED_PATHS} paths, with no friend contributing more than {@value #RANKED_PER_FRIEND}.
     */
    static final int RANKED_PER_FRIEND = 200;
    static final int RANKED_PATHS = 10_000;
    /**
     * Whom {@code me} blocked or is blocked by, gathered once per question. Asked per candidate instead
     * ({@code NOT (me)-[:BLOCKED]-(p)}), Neo4j expands into each of thousands of friends of friends by reading
     * the relationship chain of one of the two: 94 % of a suggestion's database hits (docs/performance.md).
     */
    private static final String BLOCKED = """
            OPTIONAL MATCH (me)-[:BLOCKED]-(b)
            WITH me, collect(b) AS blocked
            """;
    /**
     * Friends of friends ranked by their number of mutual friends. The page after {@code $after} starts below that
     * suggestion's place in the ranking, so the ranking is collected (bounded by the paths counted) to find it. The
     * friends and the blocked are collected first so that excluding them is a lookup in a list, kept as a set by
     * Cypher ({@link #BLOCKED}). A profile without a key yet (met in a block before its member's registration) is
     * counted but not suggested: it has no name to show. Asked over Bolt; where the graph runs in this JVM,
     * {@link RankedSuggestionsWalk} walks the same way without Cypher, and reads far fewer keys.
     */
    static final String RANKED = """
            MATCH (me:Profile {id: $id}) """ + ANCHORED + """
            """ + BLOCKED + """
            MATCH (me)-[:FRIEND]-(f)
            WITH me, blocked, collect(f) AS friends
            UNWIND friends AS f
            CALL (f) {
                MATCH (f)-[:FRIEND]-(p)
                RETURN p LIMIT $each
            }
            WITH me, friends, p WHERE p <> me AND NOT p IN friends AND NOT p IN blocked
            WITH p LIMIT $paths
            WITH p, count(*) AS mutual
            WITH collect({p: p, mutual: mutual}) AS ranked
            WITH ranked, [c IN ranked WHERE c.p.key = $after][0] AS cursor
            UNWIND ranked AS c
            WITH c.p AS p, c.mutual AS mutual, cursor
            WHERE p.key IS NOT NULL
              AND (cursor IS NULL OR mutual < cursor.mutual OR (mutual = cursor.mutual AND p.key > cursor.p.key))
            RETURN p.id AS id, p.username AS username ORDER BY mutual DESC, p.key LIMIT $limit""";

    /**
     * Friends of friends A→Z, gathered without reading anything but relationships (Neo4j plans the exclusion of
     * friends as a triadic selection: a set of them built once), then put in order one of two ways:
     * <ul>
     * <li>by walking the {@code key} index from {@code $after} and keeping the candidates met, until the page is
     * full: index entries read in order, about {@code limit × members ÷ candidates} of them;</li>
     * <li>by reading every candidate's key and sorting: one scattered read per candidate.</li>
     * </ul>
     * A member with the usual thousands of friends of friends is served by the walk (0.8 against 1.5–2.5 ms at
     * 10,000 members, docs/performance.md); a member with few, in a large network, would walk
     * most of the index for them, and sorts instead. The walk is taken when it is expected to read fewer than
     * {@value #INDEX_ENTRIES_PER_KEY_READ} index entries per candidate's key it saves. Not walking, its seek starts
     * above every key (compared with null, none is greater) and reads nothing; a filter on {@code walk} would be
     * planned above the seek, after it had read the whole index. The walk's branch keeps the index's order up to its
     * {@code LIMIT}, so it stops once the page is full. The estimate takes the candidates as spread evenly over the
     * alphabet: a member whose candidates all sort early walks further on their last page, up to the rest of the
     * index. Asked over Bolt; where the graph runs in this JVM, {@link SuggestionsWalk} walks the same way without
     * Cypher.
     */
    static final String SUGGESTIONS = """
            MATCH (me:Profile {id: $id}) """ + ANCHORED + """
            """ + BLOCKED + """
            MATCH (me)-[:FRIEND]-()-[:FRIEND]-(c)
            WHERE c <> me AND NOT (me)-[:FRIEND]-(c) AND NOT c IN blocked
            WITH collect(DISTINCT c) AS candidates
            CALL () { MATCH (everyone:Profile) RETURN count(everyone) AS members }
            WITH candidates, $limit * members < $entriesPerKeyRead * size(candidates) * size(candidates) AS walk
            CALL (candidates, walk) {
                MATCH (p:Profile) USING INDEX p:Profile(key)
                WHERE p.key > CASE WHEN walk THEN $after END AND p IN candidates
                RETURN p ORDER BY p.key LIMIT $limit
              UNION ALL
                WITH candidates WHERE NOT walk
                UNWIND candidates AS p
                WITH p WHERE p.key > $after
                RETURN p ORDER BY p.key LIMIT $limit
            }
            """ + PROFILE + " ORDER BY p.key";

    /**
     * Index entries read in order cost about a fifth of a key read from a candidate's node: the whole key index of
     * 100,000 profiles is walked in 2–12 ms warm (about 0.1 µs an entry), where reading and sorting 2,300 candidates'
     * keys took about 1.2 ms (0.5 µs a key).
     */
    static final int INDEX_ENTRIES_PER_KEY_READ = 5;

    /**
     * One member's friends gathered into a list, then the other's friends kept if they are in it: about a hundred
     * relationships read, and keys read for the shared friends only. Asked over Bolt; where the graph runs in this
     * JVM, {@link MutualFriendsWalk} walks the same way without Cypher. Matched as one pattern, Neo4j joined both sides
     * in a hash table and read every friend's key first: 2.3× the database hits and 2.4× the time
     * (docs/performance.md).
     */
    static final String MUTUAL_FRIENDS = """
            MATCH (me:Profile {id: $id}) """ + ANCHORED + """
            MATCH (me)-[:FRIEND]-(f)
            WITH collect(f) AS mine
            MATCH (other:Profile {id: $other}) USING INDEX SEEK other:Profile(id)
            MATCH (other)-[:FRIEND]-(p) WHERE p IN mine AND p.key > $after
            """ + PROFILE + " ORDER BY p.key LIMIT $limit";

    private final GraphReads graph;
    private final GenerationalCache cache;

    SocialGraphQueries(GraphReads graph, @Qualifier(SocialGraphCache.NAME) GenerationalCache cache) {
        this.graph = graph;
        this.cache = cache;
    }

    @QueryHandler
    Relationship handle(FindRelationship query) {
        if (query.from().equals(query.to())) {
            return Relationship.SELF;
        }
        return cachedOverBolt("relationship:" + query.from() + ":" + query.to(), List.of(query.from(), query.to()),
                new TypeReference<>() {
                }, () -> relationship(query.from(), query.to()));
    }

    private Relationship relationship(UUID from, UUID to) {
        return graph.read("""
                        MATCH (a:Profile {id: $from})-[r:FRIEND|REQUESTED]-(b:Profile {id: $to})
                        RETURN CASE WHEN type(r) = 'FRIEND' THEN 'FRIEND'
                                    WHEN startNode(r) = a THEN 'OUTGOING_FRIEND_REQUEST'
                                    ELSE 'INCOMING_FRIEND_REQUEST' END AS relationship""",
                        Map.of("from", from.toString(), "to", to.toString()),
                        row -> Relationship.valueOf(row.text("relationship")))
                .stream().findFirst().orElse(Relationship.NONE);
    }

    @QueryHandler
    List<ProfileSummary> handle(FindFriends query) {
        return cachedOverBolt("friends:" + query.profileId() + ":" + query.limit() + ":" + key(query.usernameGt()),
                List.of(query.profileId()), new TypeReference<>() {
                }, () -> graph.profiles("""
                        MATCH (me:Profile {id: $id})-[:FRIEND]-(p) """ + ANCHORED + """
                        WHERE p.key > $after
                        """ + PROFILE + " ORDER BY p.key LIMIT $limit",
                        Map.of("id", query.profileId().toString(), "after", key(query.usernameGt()),
                                "limit", query.limit())));
    }

    @QueryHandler
    List<ProfileSummary> handle(FindMutualFriends query) {
        if (query.profileId().equals(query.otherId())) {
            return List.of(); // no friend is one's own mutual friend with oneself
        }
        String id = query.profileId().toString();
        String other = query.otherId().toString();
        String after = key(query.usernameGt());
        return graph.walkInThisJvm(transaction -> MutualFriendsWalk.of(transaction, id, other, after, query.limit()))
                .orElseGet(() -> graph.profiles(MUTUAL_FRIENDS,
                        Map.of("id", id, "other", other, "after", after, "limit", query.limit())));
    }

    @QueryHandler
    List<ProfileSummary> handle(FindFriendRequests query) {
        String direction = query.direction() == FindFriendRequests.Direction.INCOMING
                ? "(me:Profile {id: $id})<-[:REQUESTED]-(p)"
                : "(me:Profile {id: $id})-[:REQUESTED]->(p)";
        return graph.profiles("MATCH " + direction + ANCHORED + "WHERE p.key > $after " + PROFILE
                        + " ORDER BY p.key LIMIT $limit",
                Map.of("id", query.profileId().toString(), "after", key(query.usernameGt()),
                        "limit", query.limit()));
    }

    /**
     * Friends of friends who are neither friends nor oneself, nor blocked by or blocking one: A→Z, every one of them,
     * as the set must be whole for pages to follow one another; or ranked by mutual friends, within the bounds of
     * {@link #RANKED_PER_FRIEND} and {@link #RANKED_PATHS}.
     */
    @QueryHandler
    List<ProfileSummary> handle(FindFriendSuggestions query) {
        String id = query.profileId().toString();
        String after = key(query.usernameGt());
        if (query.byMutualFriends()) {
            return graph.walkInThisJvm(transaction -> RankedSuggestionsWalk.of(transaction, id, after, query.limit(),
                            RANKED_PER_FRIEND, RANKED_PATHS))
                    .orElseGet(() -> graph.profiles(RANKED, Map.of("id", id, "after", after, "limit", query.limit(),
                            "each", RANKED_PER_FRIEND, "paths", RANKED_PATHS)));
        }
        return graph.walkInThisJvm(transaction -> SuggestionsWalk.of(transaction, id, after, query.limit()))
                .orElseGet(() -> graph.profiles(SUGGESTIONS, Map.of("id", id, "after", after, "limit", query.limit(),
                        "entriesPerKeyRead", INDEX_ENTRIES_PER_KEY_READ)));
    }

    private <T> T cachedOverBolt(String name, List<UUID> subjects, TypeReference<T> type, Supplier<T> load) {
        return graph.inThisJvm() ? load.get() : cache.get(name, subjects, type, load);
    }

    /** Where a page starts: after this username's key, or from the beginning. */
    private static String key(String usernameGt) {
        return usernameGt == null ? "" : usernameGt.toLowerCase(Locale.ROOT);
    }
}
