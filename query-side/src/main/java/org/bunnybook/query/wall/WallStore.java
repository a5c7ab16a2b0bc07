package org.bunnybook.query.wall;

import org.bunnybook.api.post.CommentView;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.query.block.MemberBlocksSql;
import org.bunnybook.query.paging.Keyset;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * owner's friends, and no post shows across a block with its author or its wall's owner. Pages run newest first on (created_at, id). Public for the benchmarks, which compare it with the
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
    /** Neither the post's author nor its wall's owner blocks the viewer or is blocked by them. */
    private static final String UNBLOCKED = " NOT" + MemberBlocksSql.between(":viewer", "p.author_id")
            + " AND NOT" + MemberBlocksSql.between(":viewer", "p.wall_profile_id") + "\n";
    private static final String VISIBLE = """
            (p.privacy = 'PUBLIC' OR p.wall_profile_id = :viewer
             OR EXISTS (SELECT 1 FROM friendships f WHERE f.profile_id = p.wall_profile_id AND f.friend_id = :viewer))
            AND """ + UNBLOCKED;
    private static final RowMapper<PostView> POST_VIEW = (rs, row) -> new PostView(
            rs.getObject("post_id", UUID.class), rs.getString("content"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
            rs.getObject("wall_profile_id", UUID.class), rs.getObject("author_id", UUID.class),
            Privacy.valueOf(rs.getString("privacy")), rs.getInt("comments_count"), rs.getString("author_username"),
            rs.getInt("likes_count"), rs.getBoolean("liked_by_me"), instant(rs, "edited_at"));

    private static final RowMapper<CommentView> COMMENT_VIEW = (rs, row) -> new CommentView(
            rs.getObject("comment_id", UUID.class), rs.getString("content"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("post_id", UUID.class),
            rs.getObject("author_id", UUID.class), rs.getString("author_username"), instant(rs, "edited_at"));

    private final JdbcClient jdbc;

    /** A nullable time column. */
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    WallStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A post as everyone sees it ({@code likedByMe} false), with the members who like it. */
    record Liked(PostView post, List<UUID> likers) {

        PostView seenBy(UUID viewer) {
            return viewer != null && likers.contains(viewer) ? byViewer(post) : post;
        }

        static PostView byViewer(PostView post) {
            return new PostView(post.id(), post.content(), post.createdAt(), post.updatedAt(), post.wallProfileId(),
                    post.profileId(), post.privacy(), post.commentsCount(), post.username(), post.likesCount(), true,
                    post.editedAt());
        }
    }

    /** The posts that exist among these, with their likers, read together (one snapshot) for the posts cache. */
    Map<UUID, Liked> postsWithLikers(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT p.*, false AS liked_by_me,
                               ARRAY(SELECT l.profile_id FROM post_likes l WHERE l.post_id = p.post_id) AS likers
                        FROM posts p WHERE p.post_id IN (:ids)""")
                .param("ids", ids)
                .query((rs, row) -> new Liked(POST_VIEW.mapRow(rs, row),
                        List.of((UUID[]) rs.getArray("likers").getArray())))
                .list().stream()
                .collect(Collectors.toMap(liked -> liked.post().id(), Function.identity()));
    }

    boolean areFriends(UUID member, UUID other) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM friendships WHERE profile_id = :member AND friend_id = :other)")
                .param("member", member).param("other", other).query(Boolean.class).single();
    }

    /** Whether the viewer (null: anonymous, whom nobody blocks) and the post's author or wall owner block each other. */
    boolean blockedAcross(PostView post, UUID viewer) {
        return viewer != null && jdbc.sql("SELECT NOT (" + UNBLOCKED + ") FROM posts p WHERE p.post_id = :post")
                .param("viewer", viewer).param("post", post.id()).query(Boolean.class).optional().orElse(false);
    }

    /** The members the viewer blocks or is blocked by. */
    Set<UUID> blockedWith(UUID viewer) {
        return Set.copyOf(jdbc.sql("""
                        SELECT blocked_id FROM member_blocks WHERE blocker_id = :viewer
                        UNION SELECT blocker_id FROM member_blocks WHERE blocked_id = :viewer""")
                .param("viewer", viewer).query(UUID.class).list());
    }

    /** A page of the wall's posts that {@code viewer} (null: anonymous) may see. */
    public List<PostView> wall(UUID wall, UUID viewer, PageAfter page) {
        return page(POST + " WHERE p.wall_profile_id = :wall AND " + VISIBLE, page, viewer, wall);
    }

    /**
     * A page of the posts on the member's own wall and friends' walls: every one of them is visible to them, but
     * those across a block (a blocked ex-friend's posts left on their own wall) are left out.
     */
    public List<PostView> feed(UUID member, PageAfter page) {
        return page(POST + """
                 WHERE (p.wall_profile_id = :viewer
                        OR p.wall_profile_id IN (SELECT friend_id FROM friendships WHERE profile_id = :viewer))
                   AND """ + UNBLOCKED,
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
