package org.bunnybook.web.realtime;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.chat.FindUnreadConversations;
import org.bunnybook.api.notification.CountUnreadNotifications;
import org.bunnybook.platform.push.Pushes;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

import java.util.Map;
import java.util.UUID;

/**
 * Client → server messages (docs/realtime.md). A session's first {@code ping} (clients send one right after
 * subscribing, then every 5 s) also brings it the counts it shows on connect.
 */
@Controller
class RealtimeController {

    private static final String GREETED = "greeted";

    private final Presence presence;
    private final QueryGateway queries;
    private final Pushes pushes;

    RealtimeController(Presence presence, QueryGateway queries, Pushes pushes) {
        this.presence = presence;
        this.queries = queries;
        this.pushes = pushes;
    }

    @MessageMapping("ping")
    void ping(MemberPrincipal principal, SimpMessageHeaderAccessor session) {
        presence.ping(principal.member().profileId());
        Map<String, Object> attributes = session.getSessionAttributes();
        if (attributes != null && attributes.putIfAbsent(GREETED, true) == null) {
            int unread = queries.query(new CountUnreadNotifications(principal.member().profileId()),
                    ResponseTypes.instanceOf(Integer.class)).join();
            pushes.push(principal.member().profileId(), "unread_notifications_count", unread);
            pushes.push(principal.member().profileId(), "unread_conversations_ids",
                    queries.query(new FindUnreadConversations(principal.member().profileId()),
                            ResponseTypes.multipleInstancesOf(UUID.class)).join());
        }
    }
}
