package org.bunnybook.query.wall;

import org.bunnybook.api.post.CommentView;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.query.paging.Keyset;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Walls, posts, comments and the feed as PostgreSQL knows them: the source of truth behind the caches, and what
 * answers when they cannot. Visibility is one SQL rule: a FRIENDS post shows only to its wall's owner and the
 * owner's friends. Pages run newest first on (created_at, id). Public for the benchmarks, which compare it with the
 * cached reads.
 */
@Component
public class WallStore {

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

    WallStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The posts that exist among these, as nobody in particular sees them ({@code likedByMe} false). */
    Map<UUID, PostView> posts(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(POST + " WHERE p.post_id IN (:ids)")
                .param("ids", ids)
                .param("viewer", null)
                .query(POST_VIEW).list().stream()
                .collect(Collectors.toMap(PostView::id, Function.identity()));
    }

    /** Which of these posts the viewer likes. */
    Set<UUID> likedBy(UUID viewer, Collection<UUID> posts) {
        if (viewer == null || posts.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT post_id FROM post_likes WHERE profile_id = :viewer AND post_id IN (:ids)")
                .param("viewer", viewer)
                .param("ids", posts)
                .query(UUID.class).list());
    }

    boolean areFriends(UUID member, UUID other) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM friendships WHERE profile_id = :member AND friend_id = :other)")
                .param("member", member).param("other", other).query(Boolean.class).single();
    }

    /** A page of the wall's posts that {@code viewer} (null: anonymous) may see. */
    public List<PostView> wall(UUID wall, UUID viewer, PageAfter page) {
        return page(POST + " WHERE p.wall_profile_id = :wall AND " + VISIBLE, page, viewer, wall);
    }

    /** A page of the posts on the member's own wall and friends' walls: every one of them is visible to them. */
    public List<PostView> feed(UUID member, PageAfter page) {
        return page(POST + """
                 WHERE (p.wall_profile_id = :viewer
                        OR p.wall_profile_id IN (SELECT friend_id FROM friendships WHERE profile_id = :viewer))""",
                page, member, null);
    }

    Optional<CommentView> comment(UUID id) {
        return jdbc.sql("SELECT * FROM comments WHERE comment_id = :id").param("id", id).query(COMMENT_VIEW).optional();
    }

    List<CommentView> comments(UUID post, PageAfter page) {
        return jdbc.sql("""
                        SELECT * FROM comments c WHERE c.post_id = :post
                        """ + Keyset.page("c.created_at", "c.comment_id"))
                .param("post", post)
                .params(Keyset.parameters(page))
                .query(COMMENT_VIEW)
                .list();
    }

    private List<PostView> page(String sql, PageAfter page, UUID viewer, UUID wall) {
        return jdbc.sql(sql + Keyset.page("p.created_at", "p.post_id"))
                .param("viewer", viewer)
                .param("wall", wall)
                .params(Keyset.parameters(page))
                .query(POST_VIEW).list();
    }
}
