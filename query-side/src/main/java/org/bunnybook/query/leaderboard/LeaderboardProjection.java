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
import org.bunnybook.query.leaderboard.BoardChange.Act;
import org.bunnybook.query.leaderboard.BoardChange.Counted;
import org.bunnybook.query.leaderboard.BoardChange.MemberErased;
import org.bunnybook.query.leaderboard.BoardChange.PostGone;
import org.bunnybook.query.leaderboard.BoardChange.TakenBack;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The most active bunnies: per member, the posts and comments they wrote and the likes they gave, kept in the token's
 * transaction ({@code V11__leaderboard.sql}). The score is {@code 3 × posts + 2 × comments + likes}.
 * <p>
 * Every counted act is remembered in {@code leaderboard_acts}, and a count moves only when an act really was added or
 * removed there, so handling an event twice counts it once. An unlike takes its like back, a deleted comment takes
 * itself back, and a deleted post takes back itself and every comment and like on it, as a deleted post is gone from
 * every read model. Usernames come from the events, so the board never asks another read model. A batch's changes
 * are applied together, set-based ({@link BoardWrites}).
 */
@Component
@ProcessingGroup(ReadModels.LEADERBOARD)
class LeaderboardProjection {

    private final JdbcClient jdbc;
    private final BoardWrites board;

    LeaderboardProjection(JdbcClient jdbc, BoardWrites board) {
        this.jdbc = jdbc;
        this.board = board;
    }

    @EventHandler
    void on(PostCreated event) {
        board.add(new Counted(Act.POST, event.postId(), event.postId(), event.authorId(), event.authorUsername()));
    }

    @EventHandler
    void on(PostCommented event) {
        board.add(new Counted(Act.COMMENT, event.postId(), event.commentId(), event.authorId(),
                event.authorUsername()));
    }

    /** A like is one per member and post: the liker is the act's id. */
    @EventHandler
    void on(PostLiked event) {
        board.add(new Counted(Act.LIKE, event.postId(), event.profileId(), event.profileId(), event.username()));
    }

    @EventHandler
    void on(PostUnliked event) {
        board.add(new TakenBack(Act.LIKE, event.postId(), event.profileId()));
    }

    /** A deleted comment no longer counts for its author. */
    @EventHandler
    void on(CommentDeleted event) {
        board.add(new TakenBack(Act.COMMENT, event.postId(), event.commentId()));
    }

    @EventHandler
    void on(PostDeleted event) {
        board.add(new PostGone(event.postId()));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE leaderboard_members, leaderboard_acts").update();
    }

    /** An erased member leaves the ranking; what they did stays counted nowhere. */
    @EventHandler
    void on(AccountErased event) {
        board.add(new MemberErased(event.profileId()));
    }
}
