package org.bunnybook.bench;

import org.bunnybook.api.friendship.FindConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The social graph's questions asked in SQL of PostgreSQL's {@code friendships} table (a row per direction, keyed by
 * {@code (profile_id, friend_id)}), as well as SQL can answer them: the baseline the graph has to beat.
 */
final class SqlFriendships {

    /** Friends of friends who are not friends yet, one row each; ordered by the two kinds of suggestions. */
    private static final String FRIENDS_OF_FRIENDS = """
            SELECT min(f2.friend_username) AS username
            FROM friendships f1 JOIN friendships f2 ON f2.profile_id = f1.friend_id
            WHERE f1.profile_id = :me AND f2.friend_id <> :me
              AND NOT EXISTS (SELECT 1 FROM friendships x WHERE x.profile_id = :me AND x.friend_id = f2.friend_id)
            GROUP BY f2.friend_id
            """;
    private static final String SUGGESTIONS = FRIENDS_OF_FRIENDS
            + "ORDER BY lower(min(f2.friend_username)) LIMIT :limit";
    private static final String RANKED_SUGGESTIONS = FRIENDS_OF_FRIENDS
            + "ORDER BY count(*) DESC, lower(min(f2.friend_username)) LIMIT :limit";
    private static final String MUTUAL = """
            SELECT f1.friend_username AS username
            FROM friendships f1 JOIN friendships f2 ON f2.friend_id = f1.friend_id
            WHERE f1.profile_id = :a AND f2.profile_id = :b
            ORDER BY lower(f1.friend_username) LIMIT :limit""";
    /**
     * Breadth first, a level per iteration: each level keeps one path to every member it reaches (DISTINCT ON), so
     * a level holds at most every member once instead of every path (50⁴ of them at 4 hops), and paths never go
     * back through themselves. The last hop is taken only to the target. PostgreSQL computes a recursive query's
     * levels only as its reader asks for rows, so the first row that reaches the target ends the search, and it is
     * a shortest one: no row of a deeper level comes before every row of the shallower ones.
     */
    private static final String PATH = """
            WITH RECURSIVE reached (member, path) AS (
                SELECT CAST(:from AS uuid), ARRAY[CAST(:from AS uuid)]
              UNION ALL
                SELECT DISTINCT ON (f.friend_id) f.friend_id, r.path || f.friend_id
                FROM reached r JOIN friendships f ON f.profile_id = r.member
                WHERE r.member <> :to AND f.friend_id <> ALL (r.path)
                  AND cardinality(r.path) <= :hops AND (cardinality(r.path) < :hops OR f.friend_id = :to)
            )
            SELECT path FROM reached WHERE member = :to LIMIT 1""";

    private final JdbcClient jdbc;

    SqlFriendships(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> suggestions(UUID me, int limit) {
        return usernames(SUGGESTIONS, me, limit);
    }

    List<String> rankedSuggestions(UUID me, int limit) {
        return usernames(RANKED_SUGGESTIONS, me, limit);
    }

    List<String> mutual(UUID a, UUID b, int limit) {
        return jdbc.sql(MUTUAL).param("a", a).param("b", b).param("limit", limit)
                .query((rs, row) -> rs.getString("username")).list();
    }

    /** The members on a shortest chain of at most {@link FindConnection#MAX_HOPS} friendships, both ends included. */
    Optional<List<UUID>> path(UUID from, UUID to) {
        return jdbc.sql(PATH).param("from", from).param("to", to).param("hops", FindConnection.MAX_HOPS)
                .query((rs, row) -> uuids(rs.getArray("path"))).optional();
    }

    private List<String> usernames(String sql, UUID me, int limit) {
        return jdbc.sql(sql).param("me", me).param("limit", limit)
                .query((rs, row) -> rs.getString("username")).list();
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return Arrays.asList((UUID[]) array.getArray());
    }
}
