package org.bunnybook.query.leaderboard;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.post.CommentDeleted;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.post.PostUnliked;
import org.bunnybook.platform.processing.BatchedStatements;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The most active bunnies: per member, the posts and comments they wrote and the likes they gave, kept in the token's
 * transaction ({@code V11__leaderboard.sql}). The score is {@code 3 × posts + 2 × comments + likes}.
 * <p>
 * Every counted act is remembered in {@code leaderboard_acts}, and a count moves only when an act really was added or
 * removed there, so handling an event twice counts it once. An unlike takes its like back, a deleted comment takes
 * itself back, and a deleted post takes back itself and every comment and like on it, as a deleted post is gone from
 * every read model. Usernames come from the events, so the board never asks another read model.
 */
@Component
@ProcessingGroup(ReadModels.LEADERBOARD)
class LeaderboardProjection {

    /** What the board counts: its {@code kind} in {@code leaderboard_acts}, and the member's column that counts it. */
    private enum Act {
        POST("post", "posts"), COMMENT("comment", "comments"), LIKE("like", "likes");

        private final String kind;
        private final String column;

        Act(String kind, String column) {
            this.kind = kind;
            this.column = column;
        }
    }

    private final JdbcClient jdbc;
    private final BatchedStatements statements;

    LeaderboardProjection(JdbcClient jdbc, BatchedStatements statements) {
        this.jdbc = jdbc;
        this.statements = statements;
    }

    @EventHandler
    void on(PostCreated event) {
        count(Act.POST, event.postId(), event.postId(), event.authorId(), event.authorUsername());
    }

    @EventHandler
    void on(PostCommented event) {
        count(Act.COMMENT, event.postId(), event.commentId(), event.authorId(), event.authorUsername());
    }

    /** A like is one per member and post: the liker is the act's id. */
    @EventHandler
    void on(PostLiked event) {
        count(Act.LIKE, event.postId(), event.profileId(), event.profileId(), event.username());
    }

    @EventHandler
    void on(PostUnliked event) {
        statements.sql("""
                        WITH taken AS (
                            DELETE FROM leaderboard_acts WHERE post_id = :post AND kind = :kind AND act_id = :member
                            RETURNING profile_id)
                        UPDATE leaderboard_members SET likes = likes - 1
                        WHERE profile_id IN (SELECT profile_id FROM taken)""")
                .param("post", event.postId())
                .param("kind", Act.LIKE.kind)
                .param("member", event.profileId())
                .write();
    }

    /** A deleted comment no longer counts for its author. */
    @EventHandler
    void on(CommentDeleted event) {
        statements.sql("""
                        WITH taken AS (
                            DELETE FROM leaderboard_acts WHERE post_id = :post AND kind = :kind AND act_id = :comment
                            RETURNING profile_id)
                        UPDATE leaderboard_members SET comments = comments - 1
                        WHERE profile_id IN (SELECT profile_id FROM taken)""")
                .param("post", event.postId())
                .param("kind", Act.COMMENT.kind)
                .param("comment", event.commentId())
                .write();
    }

    @EventHandler
    void on(PostDeleted event) {
        statements.sql("""
                        WITH taken AS (DELETE FROM leaderboard_acts WHERE post_id = :post RETURNING kind, profile_id),
                             per_member AS (
                                 SELECT profile_id, count(*) FILTER (WHERE kind = 'post') AS posts,
                                        count(*) FILTER (WHERE kind = 'comment') AS comments,
                                        count(*) FILTER (WHERE kind = 'like') AS likes
                                 FROM taken GROUP BY profile_id)
                        UPDATE leaderboard_members m
                        SET posts = m.posts - t.posts, comments = m.comments - t.comments, likes = m.likes - t.likes
                        FROM per_member t WHERE m.profile_id = t.profile_id""")
                .param("post", event.postId())
                .write();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE leaderboard_members, leaderboard_acts").update();
    }

    /** An erased member leaves the ranking; what they did stays counted nowhere. */
    @EventHandler
    void on(AccountErased event) {
        statements.sql("DELETE FROM leaderboard_acts WHERE profile_id = :id").param("id", event.profileId()).write();
        statements.sql("DELETE FROM leaderboard_members WHERE profile_id = :id").param("id", event.profileId())
                .write();
    }

    /** Counts the act for the member, unless it was counted already; the latest username seen wins. */
    private void count(Act act, UUID post, UUID actId, UUID member, String username) {
        // the column name is one of Act's constants, never input
        statements.sql("""
                        WITH counted AS (
                            INSERT INTO leaderboard_acts (post_id, kind, act_id, profile_id)
                            VALUES (:post, :kind, :act, :member)
                            ON CONFLICT DO NOTHING RETURNING profile_id)
                        INSERT INTO leaderboard_members (profile_id, username, %1$s)
                        SELECT profile_id, :username, 1 FROM counted
                        ON CONFLICT (profile_id) DO UPDATE
                        SET %1$s = leaderboard_members.%1$s + 1, username = EXCLUDED.username""".formatted(act.column))
                .param("post", post)
                .param("kind", act.kind)
                .param("act", actId)
                .param("member", member)
                .param("username", username)
                .write();
    }
}
