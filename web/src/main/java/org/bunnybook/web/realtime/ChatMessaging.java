package org.bunnybook.web.realtime;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.chat.ChatMessageView;
import org.bunnybook.api.chat.FindConversationMembers;
import org.bunnybook.api.chat.MarkChatAsRead;
import org.bunnybook.api.chat.MessageAlreadyPosted;
import org.bunnybook.api.chat.NotInConversation;
import org.bunnybook.api.chat.PostMessage;
import org.bunnybook.platform.StoreOutage;
import org.bunnybook.platform.push.Pushes;
import org.bunnybook.web.error.StorableText;
import org.bunnybook.web.security.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Chat over the socket. A message is either stored and acknowledged, by its stored copy pushed to every session of
 * every member as soon as the event store has it ({@link ChatDelivery}, echoing {@code clientMessageId}), or refused:
 * whatever stops it answers the sending session with {@code error}, naming its {@code clientMessageId}. A message
 * sent again under its {@code clientMessageId} (its echo went missing) is stored once: the conversation knows it, and
 * its stored copy is echoed again to the sender's sessions; another message under the same id is refused. Typing is
 * relayed to the other members and never stored.
 */
@Controller
class ChatMessaging {

    private static final Logger log = LoggerFactory.getLogger(ChatMessaging.class);

    static final int MAX_CLIENT_MESSAGE_ID = 64;
    private static final int MAX_LENGTH = 4096;
    private static final String CHAT_MESSAGE = "/app/chat_message";
    /** How long a sender refused for a store's outage is told to wait: about the pool's wait for a connection. */
    private static final long OUTAGE_RETRY_MILLIS = 2_000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Pushes pushes;
    private final SessionAnswers answers;
    private final ChatDelivery delivery;

    ChatMessaging(CommandGateway commands, QueryGateway queries, Pushes pushes, SessionAnswers answers,
                  ChatDelivery delivery) {
        this.commands = commands;
        this.queries = queries;
        this.pushes = pushes;
        this.answers = answers;
        this.delivery = delivery;
    }

    @MessageMapping("chat_message")
    void send(MemberPrincipal principal, ChatFrames.ChatMessage frame) {
        Member member = principal.member();
        if (frame.to() == null || frame.message() == null || frame.message().isBlank()
                || frame.message().length() > MAX_LENGTH) {
            throw new RefusedFrame("a message needs `to` and 1-4096 characters");
        }
        if (frame.clientMessageId() != null && frame.clientMessageId().length() > MAX_CLIENT_MESSAGE_ID) {
            throw new RefusedFrame("clientMessageId is at most 64 characters");
        }
        if (!StorableText.isStorable(frame.message())
                || (frame.clientMessageId() != null && !StorableText.isStorable(frame.clientMessageId()))) {
            throw new RefusedFrame("message and clientMessageId " + StorableText.RULE);
        }
        Object answer = commands.sendAndWait(new PostMessage(frame.to(), UUID.randomUUID(), member.profileId(),
                member.username(), frame.message(), frame.clientMessageId()));
        if (answer instanceof MessageAlreadyPosted stored) {
            ChatMessageView copy = delivery.storedCopy(stored);
            if (!copy.content().equals(frame.message())) {
                throw new RefusedFrame("this clientMessageId names another message of yours: send it under a new one");
            }
            pushes.push(member.profileId(), "chat_message", copy); // its every session, as the first echo went
        }
    }

    @MessageMapping("is_typing")
    void typing(MemberPrincipal principal, ChatFrames.IsTyping frame) {
        UUID me = principal.member().profileId();
        List<UUID> members = frame.chatGroupId() == null ? List.of() : queries.query(
                new FindConversationMembers(frame.chatGroupId(), true), ResponseTypes.multipleInstancesOf(UUID.class)).join();
        if (!members.contains(me)) {
            throw new RefusedFrame("not an active conversation of this member");
        }
        members.stream().filter(member -> !member.equals(me)).forEach(member -> pushes.push(member, "is_typing",
                Map.of("profileId", me, "username", principal.member().username(),
                        "chatGroupId", frame.chatGroupId())));
    }

    @MessageMapping("mark_chat_as_read")
    void read(MemberPrincipal principal, ChatFrames.MarkChatAsRead frame) {
        if (frame.chatGroupId() == null || frame.chatMessageId() == null) {
            throw new RefusedFrame("chatGroupId and chatMessageId are needed");
        }
        commands.sendAndWait(new MarkChatAsRead(frame.chatGroupId(), principal.member().profileId(),
                frame.chatMessageId()));
    }

    /**
     * Whatever went wrong with a frame is told to the session that sent it, naming the chat message's
     * {@code clientMessageId}; the connection stays open.
     */
    @MessageExceptionHandler
    void refused(Exception failure, MemberPrincipal principal, Message<?> frame, SimpMessageHeaderAccessor session) {
        boolean outage = StoreOutage.causedIt(failure);
        String reason = failure instanceof RefusedFrame || failure instanceof NotInConversation
                ? failure.getMessage()
                : failure.getCause() instanceof NotInConversation cause ? cause.getMessage()
                : outage ? "a store is unavailable just now: send it again shortly"
                : "the frame could not be handled";
        if (reason.equals("the frame could not be handled") || outage) {
            log.warn("a {} frame failed: {}", session.getDestination(), failure.toString());
        }
        answers.refuse(principal.getName(), session.getSessionId(), reason,
                CHAT_MESSAGE.equals(session.getDestination()) ? answers.clientMessageId(frame.getPayload()) : null,
                outage ? OUTAGE_RETRY_MILLIS : null);
    }

    private static final class RefusedFrame extends RuntimeException {
        RefusedFrame(String message) {
            super(message);
        }
    }
}
