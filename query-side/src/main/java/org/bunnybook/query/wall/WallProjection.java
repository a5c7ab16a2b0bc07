package org.bunnybook.query.wall;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.post.CommentDeleted;
import org.bunnybook.api.post.CommentEdited;
import org.bunnybook.api.post.CommentHidden;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostEdited;
import org.bunnybook.api.post.PostHidden;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.post.PostUnliked;
import org.bunnybook.platform.processing.BatchedStatements;
import org.bunnybook.query.cache.GenerationalCache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Keeps posts, comments and likes, in the token's transaction. Counts move only when a row really was added or
 * removed, so handling an event twice counts it once; an edit sets the content and time its event has, so it too
 * gives the same row however often it is handled. The cached copies of what an event changes are held (read
 * around) from before its transaction commits until it has ended, then retired.
 */
@Component
@ProcessingGroup(ReadModels.WALLS)
class WallProjection {

    private final JdbcClient jdbc;
    private final BatchedStatements statements;
    private final GenerationalCache posts;

    WallProjection(JdbcClient jdbc, BatchedStatements statements,
                   @Qualifier(WallCaches.POSTS) GenerationalCache posts) {
        this.jdbc = jdbc;
        this.statements = statements;
        this.posts = posts;
    }

    @EventHandler
    void on(PostCreated event, @Timestamp Instant at) {
        statements.sql("""
                        INSERT INTO posts (post_id, wall_profile_id, author_id, author_username, content, privacy,
                                           created_at, updated_at)
                        VALUES (:id, :wall, :author, :username, :content, :privacy, :at, :at)
                        ON CONFLICT DO NOTHING""")
                .param("id", event.postId())
                .param("wall", event.wallProfileId())
                .param("author", event.authorId())
                .param("username", event.authorUsername())
                .param("content", event.content())
                .param("privacy", event.privacy().name())
                .param("at", utc(at))
                .write(); // nothing cached to retire: misses (a post not yet there) are never filed
    }

    @EventHandler
    void on(PostDeleted event) {
        for (String table : new String[]{"post_likes", "comments", "posts"}) {
            // table names are constants of this class
            statements.sql("DELETE FROM " + table + " WHERE post_id = :id").param("id", event.postId()).write();
        }
        changing(posts, event.postId());
    }

    /** Hidden by staff after a report: gone for members as a deleted post is (the report keeps what it said). */
    @EventHandler
    void on(PostHidden event) {
        on(new PostDeleted(event.postId(), null, event.wallProfileId(), event.hiddenBy()));
    }

    /** Hidden by staff after a report: gone from the thread, and from the count only if it was there. */
    @EventHandler
    void on(CommentHidden event) {
        statements.sql("""
                        WITH removed AS (
                            DELETE FROM comments WHERE comment_id = :id AND post_id = :post RETURNING post_id)
                        UPDATE posts SET comments_count = comments_count - 1
                        WHERE post_id IN (SELECT post_id FROM removed)""")
                .param("id", event.commentId())
                .param("post", event.postId())
                .write();
        changing(posts, event.postId());
    }

    @EventHandler
    void on(PostCommented event, @Timestamp Instant at) {
        statements.sql("""
                        WITH added AS (
                            INSERT INTO comments (comment_id, post_id, author_id, author_username, content, created_at)
                            VALUES (:id, :post, :author, :username, :content, :at)
                            ON CONFLICT DO NOTHING RETURNING post_id)
                        UPDATE posts SET comments_count = comments_count + 1 WHERE post_id IN (SELECT post_id FROM added)""")
                .param("id", event.commentId())
                .param("post", event.postId())
                .param("author", event.authorId())
                .param("username", event.authorUsername())
                .param("content", event.content())
                .param("at", utc(at))
                .write();
        changing(posts, event.postId());
    }

    @EventHandler
    void on(PostEdited event, @Timestamp Instant at) {
        statements.sql("UPDATE posts SET content = :content, edited_at = :at, updated_at = :at WHERE post_id = :id")
                .param("id", event.postId())
                .param("content", event.content())
                .param("at", utc(at))
                .write();
        changing(posts, event.postId());
    }

    @EventHandler
    void on(CommentEdited event, @Timestamp Instant at) {
        // comments are read from PostgreSQL alone: no cached copy to retire
        statements.sql("UPDATE comments SET content = :content, edited_at = :at WHERE comment_id = :id")
                .param("id", event.commentId())
                .param("content", event.content())
                .param("at", utc(at))
                .write();
    }

    @EventHandler
    void on(CommentDeleted event) {
        statements.sql("""
                        WITH removed AS (DELETE FROM comments WHERE comment_id = :id RETURNING post_id)
                        UPDATE posts SET comments_count = comments_count - 1
                        WHERE post_id IN (SELECT post_id FROM removed)""")
                .param("id", event.commentId())
                .write();
        changing(posts, event.postId());
    }

    @EventHandler
    void on(PostLiked event) {
        statements.sql("""
                        WITH added AS (
                            INSERT INTO post_likes (post_id, profile_id) VALUES (:post, :profile)
                            ON CONFLICT DO NOTHING RETURNING post_id)
                        UPDATE posts SET likes_count = likes_count + 1 WHERE post_id IN (SELECT post_id FROM added)""")
                .param("post", event.postId())
                .param("profile", event.profileId())
                .write();
        changing(posts, event.postId());
    }

    @EventHandler
    void on(PostUnliked event) {
        statements.sql("""
                        WITH removed AS (
                            DELETE FROM post_likes WHERE post_id = :post AND profile_id = :profile RETURNING post_id)
                        UPDATE posts SET likes_count = likes_count - 1 WHERE post_id IN (SELECT post_id FROM removed)""")
                .param("post", event.postId())
                .param("profile", event.profileId())
                .write();
        changing(posts, event.postId());
    }

    /**
     * Their posts and comments stay where they are, for the threads and walls of others to hold together, written
     * by "erased member" and reading "[erased]" (as the events now decrypt, so a rebuild makes the same); their
     * likes stay counted. The cached posts they wrote or commented on are retired.
     */
    @EventHandler
    void on(AccountErased event) {
        List<UUID> concerned = jdbc.sql("""
                        SELECT post_id FROM posts WHERE author_id = :id
                        UNION SELECT post_id FROM comments WHERE author_id = :id""")
                .param("id", event.profileId()).query(UUID.class).list();
        concerned.forEach(post -> changing(posts, post));
        posts.forgetValuesAbout(concerned); // retired values would otherwise keep their words until they expire
        for (String table : new String[]{"posts", "comments"}) {
            // table names are constants of this class
            statements.sql("UPDATE " + table + " SET author_username = :member, content = :text WHERE author_id = :id")
                    .param("member", Erased.MEMBER.placeholder()).param("text", Erased.TEXT.placeholder())
                    .param("id", event.profileId()).write();
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE posts, comments, post_likes").update();
        posts.forgetEverything();
    }

    /** Holds the subject's cached values from before the batch's transaction commits until it has ended. */
    private static void changing(GenerationalCache cache, UUID subject) {
        cache.holdUntilCommitted(subject);
    }

    /** Milliseconds, as the API shows them, so that a page boundary given as a shown time is exact. */
    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
