package org.bunnybook.query.wall;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.post.CommentView;
import org.bunnybook.api.post.FindComment;
import org.bunnybook.api.post.FindComments;
import org.bunnybook.api.post.FindFeed;
import org.bunnybook.api.post.FindPost;
import org.bunnybook.api.post.FindWallPosts;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostLookup;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.post.Privacy;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Walls, posts, comments and the feed from PostgreSQL. Visibility is one SQL rule: a FRIENDS post shows only to its
 * wall's owner and the owner's friends. Pages run newest first on (created_at, id).
 */
@Component
class WallQueries {

    /** Columns of a post as {@code viewer} sees it. */
    private static final String POST = """
            SELECT p.*, EXISTS (SELECT 1 FROM post_likes l WHERE l.post_id = p.post_id AND l.profile_id = :viewer)
                        AS liked_by_me
            FROM posts p
            """;
    private static final String VISIBLE = """
            (p.privacy = 'PUBLIC' OR p.wall_profile_id = :viewer
             OR EXISTS (SELECT 1 FROM friendships f WHERE f.profile_id = p.wall_profile_id AND f.friend_id = :viewer))
            """;
    private static final String OLDER = """
            (CAST(:olderThan AS timestamptz) IS NULL
             OR (CAST(:olderThanId AS uuid) IS NULL AND p.created_at < :olderThan)
             OR (p.created_at, p.post_id) < (:olderThan, :olderThanId))
            """;
    private static final RowMapper<PostView> POST_VIEW = (rs, row) -> new PostView(
            rs.getObject("post_id", UUID.class), rs.getString("content"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
            rs.getObject("wall_profile_id", UUID.class), rs.getObject("author_id", UUID.class),
            Privacy.valueOf(rs.getString("privacy")), rs.getInt("comments_count"), rs.getString("author_username"),
            rs.getInt("likes_count"), rs.getBoolean("liked_by_me"));

    private static final RowMapper<CommentView> COMMENT_VIEW = (rs, row) -> new CommentView(
            rs.getObject("comment_id", UUID.class), rs.getString("content"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("post_id", UUID.class),
            rs.getObject("author_id", UUID.class), rs.getString("author_username"));

    private final JdbcClient jdbc;

    WallQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    PostLookup handle(FindPost query) {
        return jdbc.sql(POST + " WHERE p.post_id = :id")
                .param("id", query.postId())
                .param("viewer", query.viewerId())
                .query(POST_VIEW).optional()
                .map(post -> visible(post, query.viewerId()) ? new PostLookup(PostLookup.Outcome.VISIBLE, post)
                        : PostLookup.hidden())
                .orElseGet(PostLookup::notFound);
    }

    private boolean visible(PostView post, UUID viewer) {
        return post.privacy() == Privacy.PUBLIC || post.wallProfileId().equals(viewer)
                || (viewer != null && jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM friendships WHERE profile_id = :wall AND friend_id = :viewer)""")
                .param("wall", post.wallProfileId()).param("viewer", viewer).query(Boolean.class).single());
    }

    @QueryHandler
    List<PostView> handle(FindWallPosts query) {
        return page(POST + " WHERE p.wall_profile_id = :wall AND " + VISIBLE + " AND " + OLDER,
                query.page(), query.viewerId(), query.wallProfileId());
    }

    /** Every post on the walls of the member and their friends is visible to the member. */
    @QueryHandler
    List<PostView> handle(FindFeed query) {
        return page(POST + """
                 WHERE (p.wall_profile_id = :viewer
                        OR p.wall_profile_id IN (SELECT friend_id FROM friendships WHERE profile_id = :viewer))
                   AND """ + OLDER, query.page(), query.profileId(), null);
    }

    @QueryHandler
    Optional<CommentView> handle(FindComment query) {
        return jdbc.sql("SELECT * FROM comments WHERE comment_id = :id").param("id", query.commentId())
                .query(COMMENT_VIEW).optional();
    }

    @QueryHandler
    List<CommentView> handle(FindComments query) {
        PageAfter page = query.page();
        return jdbc.sql("""
                        SELECT * FROM comments c WHERE c.post_id = :post
                          AND (CAST(:olderThan AS timestamptz) IS NULL
                               OR (CAST(:olderThanId AS uuid) IS NULL AND c.created_at < :olderThan)
                               OR (c.created_at, c.comment_id) < (:olderThan, :olderThanId))
                        ORDER BY c.created_at DESC, c.comment_id DESC LIMIT :limit""")
                .param("post", query.postId())
                .param("olderThan", utc(page))
                .param("olderThanId", page.olderThanId())
                .param("limit", page.limit())
                .query(COMMENT_VIEW)
                .list();
    }

    private List<PostView> page(String sql, PageAfter page, UUID viewer, UUID wall) {
        return jdbc.sql(sql + " ORDER BY p.created_at DESC, p.post_id DESC LIMIT :limit")
                .param("viewer", viewer)
                .param("wall", wall)
                .param("olderThan", utc(page))
                .param("olderThanId", page.olderThanId())
                .param("limit", page.limit())
                .query(POST_VIEW).list();
    }

    private static OffsetDateTime utc(PageAfter page) {
        return page.olderThan() == null ? null : OffsetDateTime.ofInstant(page.olderThan(), ZoneOffset.UTC);
    }
}
