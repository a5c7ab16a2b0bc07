package org.bunnybook.query.export;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.export.ExportMemberData;
import org.bunnybook.api.export.ExportPage;
import org.bunnybook.api.export.MemberDataSection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A member's data, section by section, page by page, from the PostgreSQL read models, for the export a member
 * downloads. PostgreSQL writes each item as JSON (ISO-8601 times, camelCase names as in the HTTP API), so pages go
 * from the database to the download without being mapped in between. Each section pages by a key of its own
 * ({@code cursor}), in a stable order.
 */
@Component
class MemberDataExport {

    private static final Map<MemberDataSection, String> SECTIONS = new EnumMap<>(Map.ofEntries(
            Map.entry(MemberDataSection.PROFILE, """
                    SELECT json_build_object('id', profile_id, 'username', username, 'email', email, 'role', role,
                                             'registeredAt', registered_at)::text AS item,
                           profile_id::text AS cursor
                    FROM accounts WHERE profile_id = :member AND CAST(:after AS text) IS NULL"""),
            Map.entry(MemberDataSection.POSTS, """
                    SELECT json_build_object('id', post_id, 'wallProfileId', wall_profile_id, 'authorId', author_id,
                                             'authorUsername', author_username, 'content', content,
                                             'privacy', privacy, 'createdAt', created_at, 'updatedAt', updated_at,
                                             'editedAt', edited_at,
                                             'commentsCount', comments_count, 'likesCount', likes_count)::text AS item,
                           post_id::text AS cursor
                    FROM posts
                    WHERE (author_id = :member OR wall_profile_id = :member)
                      AND (CAST(:after AS uuid) IS NULL OR post_id > CAST(:after AS uuid))
                    ORDER BY post_id"""),
            Map.entry(MemberDataSection.COMMENTS, """
                    SELECT json_build_object('id', comment_id, 'postId', post_id, 'content', content,
                                             'createdAt', created_at, 'editedAt', edited_at)::text AS item,
                           comment_id::text AS cursor
                    FROM comments
                    WHERE author_id = :member AND (CAST(:after AS uuid) IS NULL OR comment_id > CAST(:after AS uuid))
                    ORDER BY comment_id"""),
            Map.entry(MemberDataSection.LIKES, """
                    SELECT json_build_object('postId', post_id)::text AS item, post_id::text AS cursor
                    FROM post_likes
                    WHERE profile_id = :member AND (CAST(:after AS uuid) IS NULL OR post_id > CAST(:after AS uuid))
                    ORDER BY post_id"""),
            Map.entry(MemberDataSection.FRIENDS, """
                    SELECT json_build_object('profileId', friend_id, 'username', friend_username,
                                             'since', since)::text AS item,
                           friend_id::text AS cursor
                    FROM friendships
                    WHERE profile_id = :member AND (CAST(:after AS uuid) IS NULL OR friend_id > CAST(:after AS uuid))
                    ORDER BY friend_id"""),
            Map.entry(MemberDataSection.MESSAGES, """
                    SELECT json_build_object('id', m.message_id, 'chatGroupId', m.chat_group_id,
                                             'fromId', m.from_id, 'fromUsername', m.from_username,
                                             'content', m.content, 'createdAt', m.created_at)::text AS item,
                           m.chat_group_id::text || '|' || m.seq AS cursor
                    FROM chat_messages m
                    JOIN conversation_members member
                      ON member.chat_group_id = m.chat_group_id AND member.profile_id = :member
                    WHERE CAST(:after AS text) IS NULL
                       OR (m.chat_group_id, m.seq) > (CAST(split_part(:after, '|', 1) AS uuid),
                                                      CAST(split_part(:after, '|', 2) AS bigint))
                    ORDER BY m.chat_group_id, m.seq"""),
            Map.entry(MemberDataSection.NOTIFICATIONS, """
                    SELECT json_build_object('id', notification_id, 'createdAt', created_at, 'event', event,
                                             'payload', payload, 'read', read, 'visited', visited)::text AS item,
                           notification_id::text AS cursor
                    FROM notifications
                    WHERE profile_id = :member
                      AND (CAST(:after AS uuid) IS NULL OR notification_id > CAST(:after AS uuid))
                    ORDER BY notification_id"""),
            Map.entry(MemberDataSection.SESSIONS, """
                    SELECT json_build_object('id', session_id, 'device', device, 'clientAddress', client_address,
                                             'startedAt', started_at, 'lastUsedAt', last_used_at,
                                             'endedAt', revoked_at, 'endedFor', revoked_for)::text AS item,
                           session_id::text AS cursor
                    FROM sessions
                    WHERE profile_id = :member AND (CAST(:after AS uuid) IS NULL OR session_id > CAST(:after AS uuid))
                    ORDER BY session_id"""),
            Map.entry(MemberDataSection.BLOCKS, """
                    SELECT json_build_object('profileId', b.blocked_id, 'username', a.username,
                                             'blockedAt', b.blocked_at)::text AS item,
                           b.blocked_id::text AS cursor
                    FROM member_blocks b LEFT JOIN accounts a ON a.profile_id = b.blocked_id
                    WHERE b.blocker_id = :member
                      AND (CAST(:after AS uuid) IS NULL OR b.blocked_id > CAST(:after AS uuid))
                    ORDER BY b.blocked_id"""),
            Map.entry(MemberDataSection.REPORTS, """
                    SELECT json_build_object('id', report_id, 'status', status, 'filedAt', filed_at,
                                             'subjectType', subject_type, 'subjectId', subject_id, 'reason', reason,
                                             'answer', answer, 'answeredAt', answered_at)::text AS item,
                           report_id::text AS cursor
                    FROM reports
                    WHERE reporter_id = :member AND (CAST(:after AS uuid) IS NULL OR report_id > CAST(:after AS uuid))
                    ORDER BY report_id""")));

    private final JdbcClient jdbc;

    MemberDataExport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    ExportPage handle(ExportMemberData query) {
        List<Map<String, Object>> rows = jdbc.sql(SECTIONS.get(query.section()) + " LIMIT :limit")
                .param("member", query.profileId())
                .param("after", query.after())
                .param("limit", query.limit())
                .query().listOfRows();
        List<String> items = rows.stream().map(row -> (String) row.get("item")).toList();
        String after = rows.size() < query.limit() ? null : (String) rows.get(rows.size() - 1).get("cursor");
        return new ExportPage(items, after);
    }
}
