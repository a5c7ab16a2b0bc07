package org.bunnybook.web.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends to one STOMP session on this node: the relay's pushes, one session at a time, and answers that go straight
 * to the session that asked, without the Redis relay (a refusal must reach the client that sent the frame even while
 * Redis is away, and concerns no other tab of the member).
 */
@Component
class SessionAnswers {

    private final ObjectProvider<SimpMessagingTemplate> messaging; // built after the channel interceptors using this
    private final ObjectMapper json;

    SessionAnswers(ObjectProvider<SimpMessagingTemplate> messaging, ObjectMapper json) {
        this.messaging = messaging;
        this.json = json;
    }

    /**
     * {@code error} to the session: why, the {@code clientMessageId} of the refused chat message (if it had one),
     * and, for a frame over the budget, after how many milliseconds a frame would be accepted again.
     */
    void refuse(String member, String sessionId, String reason, String clientMessageId, Long retryAfterMillis) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", reason);
        if (clientMessageId != null) {
            error.put("clientMessageId", clientMessageId);
        }
        if (retryAfterMillis != null) {
            error.put("retryAfterMillis", retryAfterMillis);
        }
        send(member, sessionId, "error", error);
    }

    /** {@code {"event", "data"}} to one session of {@code member}. */
    void send(String member, String sessionId, String event, Object data) {
        deliver(member, sessionId, Map.of("event", event, "data", data));
    }

    /** A whole {@code {"event", "data"}} envelope to one session of {@code member}. */
    void deliver(String member, String sessionId, Object envelope) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(sessionId); // the user destination resolves to this session only
        headers.setLeaveMutable(true); // ordered delivery (preservePublishOrder) may still change them
        messaging.getObject().convertAndSendToUser(member, "/queue/events", envelope, headers.getMessageHeaders());
    }

    /** The {@code clientMessageId} of a raw chat frame's JSON body, if it has a readable one. */
    String clientMessageId(Object payload) {
        if (!(payload instanceof byte[] body)) {
            return null;
        }
        try {
            JsonNode id = json.readTree(body).path("clientMessageId");
            return id.isTextual() && id.asText().length() <= ChatMessaging.MAX_CLIENT_MESSAGE_ID
                    ? id.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
