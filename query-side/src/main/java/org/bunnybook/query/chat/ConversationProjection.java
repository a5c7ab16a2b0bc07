package org.bunnybook.query.chat;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.chat.ChatMarkedAsRead;
import org.bunnybook.api.chat.ConversationDeactivated;
import org.bunnybook.api.chat.ChatMember;
import org.bunnybook.api.chat.ConversationOpened;
import org.bunnybook.api.chat.ConversationReactivated;
import org.bunnybook.api.chat.MessageHidden;
import org.bunnybook.api.chat.MessagePosted;
import org.bunnybook.platform.push.Pushes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Conversations, their members' read pointers and their messages, in the token's transaction; live changes are
 * pushed to the members once committed (never during a rebuild): fresh unread lists ({@link UnreadLists}, once per
 * member per batch), friends to chat with. The messages themselves are pushed earlier, as soon as the event store
 * has them (web's {@code ChatDelivery}).
 */
@Component
@ProcessingGroup(ReadModels.CONVERSATIONS)
class ConversationProjection {

    private final JdbcClient jdbc;
    private final UnreadLists unreadLists;
    private final Pushes pushes;

    ConversationProjection(JdbcClient jdbc, UnreadLists unreadLists, Pushes pushes) {
        this.jdbc = jdbc;
        this.unreadLists = unreadLists;
        this.pushes = pushes;
    }

    @EventHandler
    void on(ConversationOpened event, @Timestamp Instant at, ReplayStatus replay) {
        jdbc.sql("INSERT INTO conversations (chat_group_id, active) VALUES (:id, TRUE) ON CONFLICT DO NOTHING")
                .param("id", event.chatGroupId()).update();
        for (ChatMember member : event.members()) {
            jdbc.sql("""
                            INSERT INTO conversation_members (chat_group_id, profile_id, username)
                            VALUES (:id, :member, :username) ON CONFLICT DO NOTHING""")
                    .param("id", event.chatGroupId()).param("member", member.profileId())
                    .param("username", member.username()).update();
        }
        if (Pushes.isLive(replay, at)) {
            // each member learns of every other one: a new friend to chat with
            Pushes.afterCommit(() -> event.members().forEach(member -> event.members().stream()
                    .filter(other -> !other.equals(member))
                    .forEach(other -> pushes.push(member.profileId(), "add_friend", Map.of(
                            "chatGroupId", event.chatGroupId(), "profileId", other.profileId(),
                            "username", other.username())))));
        }
    }

    @EventHandler
    void on(ConversationReactivated event, @Timestamp Instant at, ReplayStatus replay) {
        activate(event.chatGroupId(), true, Pushes.isLive(replay, at), "add_friend");
    }

    @EventHandler
    void on(ConversationDeactivated event, @Timestamp Instant at, ReplayStatus replay) {
        activate(event.chatGroupId(), false, Pushes.isLive(replay, at), "remove_friend");
    }

    @EventHandler
    void on(MessagePosted event, @SequenceNumber long seq, @Timestamp Instant timestamp, ReplayStatus replay) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        int added = jdbc.sql("""
                        INSERT INTO chat_messages (message_id, chat_group_id, from_id, from_username, content,
                                                   client_message_id, created_at, seq)
                        VALUES (:id, :chat, :from, :username, :content, :client, :at, :seq) ON CONFLICT DO NOTHING""")
                .param("id", event.messageId()).param("chat", event.chatGroupId()).param("from", event.fromId())
                .param("username", event.fromUsername()).param("content", event.content())
                .param("client", event.clientMessageId()).param("at", utc(at)).param("seq", seq)
                .update();
        jdbc.sql("""
                        UPDATE conversations SET last_message_id = :id, last_at = :at, last_seq = :seq
                        WHERE chat_group_id = :chat AND (last_seq IS NULL OR last_seq < :seq)""")
                .param("id", event.messageId()).param("at", utc(at)).param("seq", seq)
                .param("chat", event.chatGroupId()).update();
        read(event.chatGroupId(), event.fromId(), event.messageId(), at);
        if (added == 1 && Pushes.isLive(replay, at)) {
            // the message itself was pushed as soon as it was stored (web's ChatDelivery); here, what it changed
            unreadLists.changedIn(event.chatGroupId());
        }
    }

    /**
     * The conversations stay coherent for the others: the member is listed as "erased member", their messages read
     * "[erased]" (as the events now decrypt, so a rebuild makes the same).
     */
    @EventHandler
    void on(AccountErased event) {
        jdbc.sql("UPDATE conversation_members SET username = :member WHERE profile_id = :id")
                .param("member", Erased.MEMBER.placeholder()).param("id", event.profileId()).update();
        jdbc.sql("UPDATE chat_messages SET from_username = :member, content = :text WHERE from_id = :id")
                .param("member", Erased.MEMBER.placeholder()).param("text", Erased.TEXT.placeholder())
                .param("id", event.profileId()).update();
    }

    @EventHandler
    void on(ChatMarkedAsRead event, @Timestamp Instant at, ReplayStatus replay) {
        read(event.chatGroupId(), event.profileId(), event.messageId(), at.truncatedTo(ChronoUnit.MILLIS));
        if (Pushes.isLive(replay, at)) {
            unreadLists.changedFor(event.profileId());
        }
    }

    /**
     * Staff hid the message: it leaves the history (the report keeps what it said); a conversation whose latest
     * message it was shows the one before. The event follows the message in the conversation's own order, so a
     * rebuild agrees.
     */
    @EventHandler
    void on(MessageHidden event) {
        jdbc.sql("DELETE FROM chat_messages WHERE message_id = :id AND chat_group_id = :chat")
                .param("id", event.messageId()).param("chat", event.chatGroupId()).update();
        jdbc.sql("""
                        UPDATE conversations SET (last_message_id, last_at, last_seq) =
                            (SELECT message_id, created_at, seq FROM chat_messages
                             WHERE chat_group_id = :chat ORDER BY seq DESC LIMIT 1)
                        WHERE chat_group_id = :chat AND last_message_id = :id""")
                .param("id", event.messageId()).param("chat", event.chatGroupId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE conversations, conversation_members, chat_messages").update();
    }

    /**
     * Read pointers only move forward in the conversation's own order (its event sequence, not the clock): a pointer
     * to an older message, or a replayed event, changes nothing.
     */
    private void read(UUID chat, UUID member, UUID message, Instant at) {
        jdbc.sql("""
                        UPDATE conversation_members m SET read_message_id = :message, read_at = :at, read_seq = r.seq
                        FROM chat_messages r
                        WHERE m.chat_group_id = :chat AND m.profile_id = :member AND r.message_id = :message
                          AND r.chat_group_id = :chat AND (m.read_seq IS NULL OR m.read_seq < r.seq)""")
                .param("message", message).param("at", utc(at)).param("chat", chat).param("member", member)
                .update();
    }

    private void activate(UUID chat, boolean active, boolean live, String push) {
        jdbc.sql("UPDATE conversations SET active = :active WHERE chat_group_id = :chat")
                .param("active", active).param("chat", chat).update();
        if (live) {
            List<Map<String, Object>> members = jdbc.sql(
                            "SELECT profile_id, username FROM conversation_members WHERE chat_group_id = :chat")
                    .param("chat", chat).query().listOfRows();
            Pushes.afterCommit(() -> members.forEach(member -> members.stream()
                    .filter(other -> !other.get("profile_id").equals(member.get("profile_id")))
                    .forEach(other -> pushes.push((UUID) member.get("profile_id"), push, Map.of("chatGroupId", chat,
                            "profileId", other.get("profile_id"), "username", other.get("username"))))));
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
