package org.bunnybook.query.leaderboard;

import org.bunnybook.platform.processing.BatchBuffers;
import org.bunnybook.query.leaderboard.BoardChange.Counted;
import org.bunnybook.query.leaderboard.BoardChange.MemberErased;
import org.bunnybook.query.leaderboard.BoardChange.PostGone;
import org.bunnybook.query.leaderboard.BoardChange.TakenBack;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Applies a processor batch's leaderboard changes set-based, in the batch's transaction just before its token commits
 * ({@link BatchBuffers}): a member's counts move once per statement, however many of their acts the batch holds,
 * instead of once per event (each a new row version and a new entry in the ranking index).
 * <p>
 * Order is kept where it can matter. A post's changes apply in the order they came: its k-th change goes in round k,
 * and a round, whose changes are all of different posts, is two statements (what it takes back, then what it
 * counts), as the acts of different posts and the sums of a member's counts do not depend on one another's order.
 * An erasure is handled where it came, between the rounds of the changes before it and those after it.
 */
@Component
class BoardWrites {

    private static final String TAKE_BACK = """
            WITH taken AS (
                     DELETE FROM leaderboard_acts a
                     USING unnest(:posts::uuid[], :kinds::text[], :acts::uuid[]) AS r(post_id, kind, act_id)
                     WHERE a.post_id = r.post_id AND a.kind = r.kind AND a.act_id = r.act_id
                     RETURNING a.kind, a.profile_id),
                 gone AS (
                     DELETE FROM leaderboard_acts WHERE post_id = ANY(:gonePosts::uuid[]) RETURNING kind, profile_id),
                 per_member AS (
                     SELECT profile_id, count(*) FILTER (WHERE kind = 'post') AS posts,
                            count(*) FILTER (WHERE kind = 'comment') AS comments,
                            count(*) FILTER (WHERE kind = 'like') AS likes
                     FROM (SELECT kind, profile_id FROM taken UNION ALL SELECT kind, profile_id FROM gone) t
                     GROUP BY profile_id)
            UPDATE leaderboard_members m
            SET posts = m.posts - t.posts, comments = m.comments - t.comments, likes = m.likes - t.likes
            FROM per_member t WHERE m.profile_id = t.profile_id""";

    /** A member's username comes from the last of their acts counted here. */
    private static final String COUNT = """
            WITH given AS (
                     SELECT * FROM unnest(:posts::uuid[], :kinds::text[], :acts::uuid[], :members::uuid[],
                                          :usernames::text[], :ordinals::integer[])
                                   AS g(post_id, kind, act_id, profile_id, username, ordinal)),
                 counted AS (
                     INSERT INTO leaderboard_acts (post_id, kind, act_id, profile_id)
                     SELECT post_id, kind, act_id, profile_id FROM given
                     ON CONFLICT DO NOTHING RETURNING post_id, kind, act_id),
                 per_member AS (
                     SELECT g.profile_id, count(*) FILTER (WHERE g.kind = 'post') AS posts,
                            count(*) FILTER (WHERE g.kind = 'comment') AS comments,
                            count(*) FILTER (WHERE g.kind = 'like') AS likes,
                            (array_agg(g.username ORDER BY g.ordinal DESC))[1] AS username
                     FROM counted c JOIN given g
                          ON g.post_id = c.post_id AND g.kind = c.kind AND g.act_id = c.act_id
                     GROUP BY g.profile_id)
            INSERT INTO leaderboard_members AS m (profile_id, username, posts, comments, likes)
            SELECT profile_id, username, posts, comments, likes FROM per_member ORDER BY profile_id
            ON CONFLICT (profile_id) DO UPDATE
            SET posts = m.posts + EXCLUDED.posts, comments = m.comments + EXCLUDED.comments,
                likes = m.likes + EXCLUDED.likes, username = EXCLUDED.username""";

    private final JdbcClient jdbc;
    private final BatchBuffers.Buffer<BoardChange> changes;

    BoardWrites(JdbcClient jdbc, BatchBuffers buffers) {
        this.jdbc = jdbc;
        this.changes = buffers.buffer(this::apply);
    }

    /** Applies the change before the batch commits, or now where it may not wait. */
    void add(BoardChange change) {
        changes.add(change);
    }

    private void apply(List<BoardChange> batch) {
        List<List<BoardChange>> rounds = new ArrayList<>();
        Map<UUID, Integer> changesPerPost = new HashMap<>();
        for (BoardChange change : batch) {
            if (change instanceof MemberErased erased) {
                rounds.forEach(this::applyRound);
                rounds.clear();
                changesPerPost.clear();
                erase(erased.member());
                continue;
            }
            int round = changesPerPost.merge(post(change), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(change);
        }
        rounds.forEach(this::applyRound);
    }

    private static UUID post(BoardChange change) {
        if (change instanceof Counted counted) {
            return counted.post();
        }
        if (change instanceof TakenBack taken) {
            return taken.post();
        }
        return ((PostGone) change).post();
    }

    private void applyRound(List<BoardChange> round) {
        List<TakenBack> taken = only(round, TakenBack.class);
        List<PostGone> gone = only(round, PostGone.class);
        if (!taken.isEmpty() || !gone.isEmpty()) {
            jdbc.sql(TAKE_BACK)
                    .param("posts", array("uuid", taken, TakenBack::post))
                    .param("kinds", array("text", taken, change -> change.act().kind))
                    .param("acts", array("uuid", taken, TakenBack::actId))
                    .param("gonePosts", array("uuid", gone, PostGone::post))
                    .update();
        }
        List<Counted> counted = only(round, Counted.class);
        if (!counted.isEmpty()) {
            List<Integer> ordinals = IntStream.range(0, counted.size()).boxed().toList();
            jdbc.sql(COUNT)
                    .param("posts", array("uuid", counted, Counted::post))
                    .param("kinds", array("text", counted, change -> change.act().kind))
                    .param("acts", array("uuid", counted, Counted::actId))
                    .param("members", array("uuid", counted, Counted::member))
                    .param("usernames", array("text", counted, Counted::username))
                    .param("ordinals", array("integer", ordinals, ordinal -> ordinal))
                    .update();
        }
    }

    private void erase(UUID member) {
        jdbc.sql("DELETE FROM leaderboard_acts WHERE profile_id = :id").param("id", member).update();
        jdbc.sql("DELETE FROM leaderboard_members WHERE profile_id = :id").param("id", member).update();
    }

    private static <T extends BoardChange> List<T> only(List<BoardChange> round, Class<T> type) {
        return round.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** A PostgreSQL array of the values, as one parameter. */
    private static <T> SqlTypeValue array(String type, List<T> values, Function<T, Object> value) {
        Object[] elements = values.stream().map(value).toArray();
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName)
                    throws SQLException {
                return connection.createArrayOf(type, elements);
            }
        };
    }
}
