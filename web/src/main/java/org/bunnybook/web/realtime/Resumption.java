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
import org.springframework.context.event.EventListener;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
    /**
     * A session resumes at most this often: an answer waits on the history of each of the member's conversations
     * and reads up to {@value #LIMIT} messages, on the inbound pool every socket of the node shares, so a client
     * asking again and again within its frame budget would hold that pool for everyone (the STOMP fuzz found it).
     * A client resumes once per reconnect.
     */
    static final Duration AT_MOST_EVERY = Duration.ofSeconds(2);

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final SessionAnswers answers;
    /** Session id → when it last resumed (System.nanoTime). */
    private final Map<String, Long> lastResumed = new ConcurrentHashMap<>();

    Resumption(QueryGateway queries, ReadYourWrites readYourWrites, SessionAnswers answers) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.answers = answers;
    }

    @MessageMapping("resume")
    void resume(MemberPrincipal principal, ChatFrames.Resume frame, SimpMessageHeaderAccessor session) {
        long wait = tooSoon(session.getSessionId());
        if (wait > 0) {
            answers.refuse(principal.getName(), session.getSessionId(),
                    "resume at most once every " + AT_MOST_EVERY.toSeconds() + " s", null, wait);
            return;
        }
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

    /** 0 if the session may resume now (and it counts as resuming), else the milliseconds until it may. */
    private long tooSoon(String sessionId) {
        long now = System.nanoTime();
        long[] wait = {0};
        lastResumed.compute(sessionId, (id, last) -> {
            if (last != null && now - last < AT_MOST_EVERY.toNanos()) {
                wait[0] = Math.max(1, (AT_MOST_EVERY.toNanos() - (now - last)) / 1_000_000);
                return last;
            }
            return now;
        });
        return wait[0];
    }

    @EventListener
    void on(SessionDisconnectEvent disconnected) {
        lastResumed.remove(disconnected.getSessionId());
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
