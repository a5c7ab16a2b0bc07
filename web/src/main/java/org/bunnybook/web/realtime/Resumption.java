package org.bunnybook.web.realtime;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.chat.ChatMessageView;
import org.bunnybook.api.chat.FindChatMessagesSince;
import org.bunnybook.api.chat.FindMemberConversations;
import org.bunnybook.api.notification.FindNotificationsSince;
import org.bunnybook.api.notification.NotificationView;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.platform.push.Pushes;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A socket that comes back catches up (docs/realtime.md, "Resuming"): {@code resume {since}} answers that session
 * with every chat message and notification of the member created since a little before {@code since} (the
 * {@code createdAt} of the newest push it saw), oldest first, then {@code resumed}. Clients drop what they already
 * have by id. Since the socket subscribed before asking, whatever is stored after the answer was read arrives live;
 * what was stored before is in the answer, because the answer waits until the history has every message stored in
 * the member's conversations so far (messages are pushed before their history has them). Notifications are pushed
 * only once stored, so their table is never behind what was pushed.
 */
@Controller
class Resumption {

    /**
     * How far before {@code since} the answer begins: a push's {@code createdAt} is when its event was made, and
     * events are stored, projected and pushed a little later and not always in that order; nothing older than
     * {@link Pushes#LIVE} is pushed live at all.
     */
    static final Duration OVERLAP = Pushes.LIVE;
    static final int LIMIT = 1000;

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final SessionAnswers answers;

    Resumption(QueryGateway queries, ReadYourWrites readYourWrites, SessionAnswers answers) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.answers = answers;
    }

    @MessageMapping("resume")
    void resume(MemberPrincipal principal, ChatFrames.Resume frame, SimpMessageHeaderAccessor session) {
        Instant since = since(frame);
        UUID me = principal.member().profileId();
        queries.query(new FindMemberConversations(me), ResponseTypes.multipleInstancesOf(UUID.class)).join()
                .forEach(chat -> readYourWrites.awaitAggregate(chat.toString(), ReadModels.CONVERSATIONS));
        Instant from = since.minus(OVERLAP);
        List<ChatMessageView> messages = queries.query(new FindChatMessagesSince(me, from, LIMIT),
                ResponseTypes.multipleInstancesOf(ChatMessageView.class)).join();
        List<NotificationView> notifications = queries.query(new FindNotificationsSince(me, from, LIMIT),
                ResponseTypes.multipleInstancesOf(NotificationView.class)).join();
        String member = principal.getName();
        messages.forEach(message -> answers.send(member, session.getSessionId(), "chat_message", message));
        notifications.stream().filter(notification -> !notification.read()).forEach(notification ->
                answers.send(member, session.getSessionId(), "new_unread_notification", notification));
        answers.send(member, session.getSessionId(), "resumed", Map.of("since", from,
                "complete", messages.size() < LIMIT && notifications.size() < LIMIT));
    }

    @MessageExceptionHandler
    void refused(Exception failure, MemberPrincipal principal, SimpMessageHeaderAccessor session) {
        answers.refuse(principal.getName(), session.getSessionId(), failure instanceof IllegalArgumentException
                ? failure.getMessage() : "the frame could not be handled", null, null);
    }

    private static Instant since(ChatFrames.Resume frame) {
        try {
            return Instant.parse(frame.since());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("resume needs `since`, an ISO-8601 instant");
        }
    }
}
