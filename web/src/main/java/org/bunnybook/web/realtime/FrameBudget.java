package org.bunnybook.web.realtime;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each session may send {@code bunnybook.realtime.frames-per-second} frames a second, so a flooding client slows
 * only itself. A frame over the budget is not handled, but never dropped without a word: a {@code chat_message} is
 * refused with its {@code clientMessageId}, every time, and any other frame with the first refusal of the second;
 * both say how long to wait. The refusal goes to the session only, on this node (no Redis round trip to amplify a
 * flood).
 */
@Component
class FrameBudget {

    static final String OVER_BUDGET = "too many frames: wait and send again";

    private final RealtimeProperties properties;
    private final SessionAnswers answers;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    FrameBudget(RealtimeProperties properties, SessionAnswers answers) {
        this.properties = properties;
        this.answers = answers;
    }

    /** Whether the frame is within its session's budget; if not, its sender has been told. */
    boolean admit(StompHeaderAccessor stomp, Message<?> message) {
        Window window = windows.computeIfAbsent(stomp.getSessionId(), id -> new Window());
        long now = System.currentTimeMillis();
        int spent = window.spend(now);
        if (spent <= properties.framesPerSecond()) {
            return true;
        }
        boolean chat = "/app/chat_message".equals(stomp.getDestination());
        Principal user = stomp.getUser();
        if (user != null && (chat || spent == properties.framesPerSecond() + 1)) {
            answers.refuse(user.getName(), stomp.getSessionId(), OVER_BUDGET,
                    chat ? answers.clientMessageId(message.getPayload()) : null, 1000 - now % 1000);
        }
        return false;
    }

    @EventListener
    void on(SessionDisconnectEvent disconnected) {
        windows.remove(disconnected.getSessionId());
    }

    /** Frames sent in the current second. */
    private static final class Window {
        private long second;
        private int spent;

        synchronized int spend(long nowMillis) {
            long now = nowMillis / 1000;
            if (now != second) {
                second = now;
                spent = 0;
            }
            return ++spent;
        }
    }
}
