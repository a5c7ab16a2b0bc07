package org.bunnybook.query.chat;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.chat.ChatMessageView;
import org.bunnybook.api.chat.FindChatMessage;
import org.bunnybook.api.chat.FindChatMessagesSince;
import org.bunnybook.api.chat.FindMemberConversations;
import org.bunnybook.api.chat.ConversationView;
import org.bunnybook.api.chat.FindConversationMembers;
import org.bunnybook.api.chat.FindConversations;
import org.bunnybook.api.chat.FindMessages;
import org.bunnybook.api.chat.FindUnreadConversations;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.query.paging.Keyset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Conversations and their messages, newest first on (created_at, id). */
@Component
class ChatQueries {

    private final JdbcClient jdbc;

    ChatQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<ChatMessageView> handle(FindMessages query) {
        PageAfter page = query.page();
        return jdbc.sql("""
                        SELECT * FROM chat_messages m WHERE m.chat_group_id = :chat
                        """ + Keyset.page("m.created_at", "m.message_id"))
                .param("chat", query.chatGroupId())
                .params(Keyset.parameters(page))
                .query(ChatQueries::message)
                .list();
    }

    @QueryHandler
    Optional<ChatMessageView> handle(FindChatMessage query) {
        return jdbc.sql("SELECT * FROM chat_messages WHERE message_id = :id").param("id", query.messageId())
                .query(ChatQueries::message).optional();
    }

    @QueryHandler
    List<ChatMessageView> handle(FindChatMessagesSince query) {
        return jdbc.sql("""
                        SELECT m.* FROM conversation_members me
                        JOIN chat_messages m ON m.chat_group_id = me.chat_group_id AND m.created_at >= :since
                        WHERE me.profile_id = :member
                        ORDER BY m.created_at, m.seq LIMIT :limit""")
                .param("member", query.profileId())
                .param("since", OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC))
                .param("limit", query.limit())
                .query(ChatQueries::message)
                .list();
    }

    @QueryHandler
    List<UUID> handle(FindMemberConversations query) {
        return jdbc.sql("SELECT chat_group_id FROM conversation_members WHERE profile_id = :member")
                .param("member", query.profileId()).query(UUID.class).list();
    }

    private static ChatMessageView message(ResultSet rs, int row) throws SQLException {
        return new ChatMessageView(rs.getObject("message_id", UUID.class),
                rs.getString("content"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("chat_group_id", UUID.class), rs.getObject("from_id", UUID.class),
                rs.getString("from_username"), rs.getString("client_message_id"), rs.getLong("seq"));
    }

    /** Named after the other member, as the original Bunnybook showed private conversations. */
    @QueryHandler
    List<ConversationView> handle(FindConversations query) {
        PageAfter page = query.page();
        return jdbc.sql("""
                        SELECT m.*, CASE WHEN me.read_seq >= c.last_seq THEN me.read_at END AS my_read_at,
                               other.username AS name
                        FROM conversation_members me
                        JOIN conversations c ON c.chat_group_id = me.chat_group_id AND c.active
                        JOIN chat_messages m ON m.message_id = c.last_message_id
                        JOIN conversation_members other
                          ON other.chat_group_id = me.chat_group_id AND other.profile_id <> me.profile_id
                        WHERE me.profile_id = :member
                        """ + Keyset.page("m.created_at", "m.message_id"))
                .param("member", query.profileId())
                .params(Keyset.parameters(page))
                .query((rs, row) -> new ConversationView(rs.getObject("from_id", UUID.class),
                        rs.getString("from_username"), rs.getString("content"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("chat_group_id", UUID.class), rs.getString("name"),
                        rs.getObject("my_read_at", OffsetDateTime.class) == null ? null
                                : rs.getObject("my_read_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("message_id", UUID.class)))
                .list();
    }

    @QueryHandler
    List<UUID> handle(FindConversationMembers query) {
        return jdbc.sql("""
                        SELECT m.profile_id FROM conversation_members m
                        JOIN conversations c ON c.chat_group_id = m.chat_group_id
                        WHERE m.chat_group_id = :chat AND (c.active OR NOT :activeOnly)""")
                .param("chat", query.chatGroupId()).param("activeOnly", query.activeOnly())
                .query(UUID.class).list();
    }

    @QueryHandler
    List<UUID> handle(FindUnreadConversations query) {
        return unread(query.profileId());
    }

    /** The members of these conversations, each once. */
    Set<UUID> members(Collection<UUID> chats) {
        return new LinkedHashSet<>(jdbc.sql(
                        "SELECT DISTINCT profile_id FROM conversation_members WHERE chat_group_id = ANY (:chats)")
                .param("chats", chats.toArray(UUID[]::new)).query(UUID.class).list());
    }

    /** Active conversations whose latest message is not the one the member read last. */
    List<UUID> unread(UUID member) {
        return unread(List.of(member)).getOrDefault(member, List.of());
    }

    /** {@link #unread(UUID)} of several members in one query; a member with none is absent. */
    Map<UUID, List<UUID>> unread(Collection<UUID> members) {
        return jdbc.sql("""
                        SELECT me.profile_id, c.chat_group_id FROM conversation_members me
                        JOIN conversations c ON c.chat_group_id = me.chat_group_id
                        WHERE me.profile_id = ANY (:members) AND c.active AND c.last_message_id IS NOT NULL
                          AND (me.read_seq IS NULL OR me.read_seq < c.last_seq)""")
                .param("members", members.toArray(UUID[]::new))
                .query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list()
                .stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

}
