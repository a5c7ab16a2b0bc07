package org.bunnybook.query.wall;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
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
import org.bunnybook.platform.projection.RebuildCopies;
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
 * around) from before its transaction commits until it has ended, then retired; those of replayed events are only
 * retired after the commit (see {@link #changing}). A rebuild fills copies of the tables beside the live ones
 * ({@link WallTables}) and retires no cached value meanwhile (the live processor does, and the whole cache is retired
 * as the copies are swapped in), but forgets an erased member's words as the live processor does.
 * <p>
 * The writes are {@linkplain BatchedStatements#unnested unnested}: one statement per kind of change and round of a
 * batch, every row of it at once, the counts moved by the number of rows each post really gained or lost. The
 * rows of a round are of different posts (the post is the aggregate of every event here), as a JDBC batch of
 * one-row statements would have had them.
 */
@Component
@ProcessingGroup(ReadModels.WALLS)
class WallProjection {

    /** Ends a statement whose CTE {@code removed} answers the post of each comment it deleted. */
    private static final String LESS_COMMENTS = """
            UPDATE posts SET comments_count = comments_count - lost.n
            FROM (SELECT post_id, count(*) AS n FROM removed GROUP BY post_id) AS lost
            WHERE posts.post_id = lost.post_id""";

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
        statements.unnested("""
                        INSERT INTO posts (post_id, wall_profile_id, author_id, author_username, content, privacy,
                                           created_at, updated_at)
                        SELECT id, wall, author, username, content, privacy, happened, happened
                        FROM unnest(CAST(:id AS uuid[]), CAST(:wall AS uuid[]), CAST(:author AS uuid[]),
                                    CAST(:username AS text[]), CAST(:content AS text[]), CAST(:privacy AS text[]),
                                    CAST(:at AS timestamptz[]))
                             AS given (id, wall, author, username, content, privacy, happened)
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
    void on(PostDeleted event, ReplayStatus replay) {
        for (String table : new String[]{"post_likes", "comments", "posts"}) {
            // table names are constants of this class
            statements.unnested("DELETE FROM " + table + " WHERE post_id = ANY (CAST(:id AS uuid[]))")
                    .param("id", event.postId()).write();
        }
        changing(posts, replay, event.postId());
    }

    /** Hidden by staff after a report: gone for members as a deleted post is (the report keeps what it said). */
    @EventHandler
    void on(PostHidden event, ReplayStatus replay) {
        on(new PostDeleted(event.postId(), null, event.wallProfileId(), event.hiddenBy()), replay);
    }

    /** Hidden by staff after a report: gone from the thread, and from the count only if it was there. */
    @EventHandler
    void on(CommentHidden event, ReplayStatus replay) {
        statements.unnested("""
                        WITH removed AS (
                            DELETE FROM comments
                            USING unnest(CAST(:id AS uuid[]), CAST(:post AS uuid[])) AS given (id, post)
                            WHERE comment_id = given.id AND post_id = given.post RETURNING post_id)
                        """ + LESS_COMMENTS)
                .param("id", event.commentId())
                .param("post", event.postId())
                .write();
        changing(posts, replay, event.postId());
    }

    @EventHandler
    void on(PostCommented event, @Timestamp Instant at, ReplayStatus replay) {
        statements.unnested("""
                        WITH added AS (
                            INSERT INTO comments (comment_id, post_id, author_id, author_username, content, created_at)
                            SELECT * FROM unnest(CAST(:id AS uuid[]), CAST(:post AS uuid[]), CAST(:author AS uuid[]),
                                                 CAST(:username AS text[]), CAST(:content AS text[]),
                                                 CAST(:at AS timestamptz[]))
                            ON CONFLICT DO NOTHING RETURNING post_id)
                        UPDATE posts SET comments_count = comments_count + gained.n
                        FROM (SELECT post_id, count(*) AS n FROM added GROUP BY post_id) AS gained
                        WHERE posts.post_id = gained.post_id""")
                .param("id", event.commentId())
                .param("post", event.postId())
                .param("author", event.authorId())
                .param("username", event.authorUsername())
                .param("content", event.content())
                .param("at", utc(at))
                .write();
        changing(posts, replay, event.postId());
    }

    @EventHandler
    void on(PostEdited event, @Timestamp Instant at, ReplayStatus replay) {
        statements.unnested("""
                        UPDATE posts
                        SET content = given.content, edited_at = given.happened, updated_at = given.happened
                        FROM unnest(CAST(:id AS uuid[]), CAST(:content AS text[]), CAST(:at AS timestamptz[]))
                             AS given (id, content, happened)
                        WHERE post_id = given.id""")
                .param("id", event.postId())
                .param("content", event.content())
                .param("at", utc(at))
                .write();
        changing(posts, replay, event.postId());
    }

    @EventHandler
    void on(CommentEdited event, @Timestamp Instant at) {
        // comments are read from PostgreSQL alone: no cached copy to retire
        statements.unnested("""
                        UPDATE comments SET content = given.content, edited_at = given.happened
                        FROM unnest(CAST(:id AS uuid[]), CAST(:content AS text[]), CAST(:at AS timestamptz[]))
                             AS given (id, content, happened)
                        WHERE comment_id = given.id""")
                .param("id", event.commentId())
                .param("content", event.content())
                .param("at", utc(at))
                .write();
    }

    @EventHandler
    void on(CommentDeleted event, ReplayStatus replay) {
        statements.unnested("""
                        WITH removed AS (
                            DELETE FROM comments WHERE comment_id = ANY (CAST(:id AS uuid[])) RETURNING post_id)
                        """ + LESS_COMMENTS)
                .param("id", event.commentId())
                .write();
        changing(posts, replay, event.postId());
    }

    @EventHandler
    void on(PostLiked event, ReplayStatus replay) {
        statements.unnested("""
                        WITH added AS (
                            INSERT INTO post_likes (post_id, profile_id)
                            SELECT * FROM unnest(CAST(:post AS uuid[]), CAST(:profile AS uuid[]))
                            ON CONFLICT DO NOTHING RETURNING post_id)
                        UPDATE posts SET likes_count = likes_count + gained.n
                        FROM (SELECT post_id, count(*) AS n FROM added GROUP BY post_id) AS gained
                        WHERE posts.post_id = gained.post_id""")
                .param("post", event.postId())
                .param("profile", event.profileId())
                .write();
        changing(posts, replay, event.postId());
    }

    @EventHandler
    void on(PostUnliked event, ReplayStatus replay) {
        statements.unnested("""
                        WITH removed AS (
                            DELETE FROM post_likes
                            USING unnest(CAST(:post AS uuid[]), CAST(:profile AS uuid[])) AS given (post, profile)
                            WHERE post_id = given.post AND profile_id = given.profile RETURNING post_id)
                        UPDATE posts SET likes_count = likes_count - lost.n
                        FROM (SELECT post_id, count(*) AS n FROM removed GROUP BY post_id) AS lost
                        WHERE posts.post_id = lost.post_id""")
                .param("post", event.postId())
                .param("profile", event.profileId())
                .write();
        changing(posts, replay, event.postId());
    }

    /**
     * Their posts and comments stay where they are, for the threads and walls of others to hold together, written
     * by "erased member" and reading "[erased]" (as the events now decrypt, so a rebuild makes the same); their
     * likes stay counted. The cached posts they wrote or commented on are retired.
     */
    @EventHandler
    void on(AccountErased event, ReplayStatus replay) {
        List<UUID> concerned = jdbc.sql("""
                        SELECT post_id FROM posts WHERE author_id = :id
                        UNION SELECT post_id FROM comments WHERE author_id = :id""")
                .param("id", event.profileId()).query(UUID.class).list();
        concerned.forEach(post -> changing(posts, replay, post));
        // retired values would otherwise keep their words until they expire; forgotten by a rebuild's copy too, which
        // alone handles the events that arrive while the live processor stands still for the switch
        posts.forgetValuesAbout(concerned);
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

    /**
     * Holds the subject's cached values from before the batch's transaction commits until it has ended; for an event
     * replayed over the live tables (their tokens reset, as tests do), only retires them after the commit. A hold keeps a member from reading around their own write, which no one waits
     * for in a replay; its cost (a Redis round trip before the commit, the retirement owed in PostgreSQL and settled
     * by a statement of its own after it) was a fifth of a replay's time. The retirement is still needed: readers
     * cache posts from the partial model while it is replayed, and a post cached halfway through its likes must not
     * outlive the replay. Writing a rebuild's copies, nobody reads what changes: nothing is held or retired.
     */
    private static void changing(GenerationalCache cache, ReplayStatus replay, UUID subject) {
        if (RebuildCopies.beingWritten()) {
            return;
        }
        if (replay.isReplay()) {
            cache.retireAfterCommit(subject);
        } else {
            cache.holdUntilCommitted(subject);
        }
    }

    /** Milliseconds, as the API shows them, so that a page boundary given as a shown time is exact. */
    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
