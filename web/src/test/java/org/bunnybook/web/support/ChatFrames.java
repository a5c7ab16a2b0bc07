package org.bunnybook.web.support;

import java.util.Map;
import java.util.UUID;

/** The bodies a well-behaved client sends to {@code /app/…} (docs/realtime.md). */
public final class ChatFrames {

    private ChatFrames() {
    }

    /** A {@code chat_message} to a conversation, with the client's id for it. */
    public static String chatMessage(UUID to, String message, String clientMessageId) {
        return ApiClient.toJson(Map.of("to", to.toString(), "message", message, "clientMessageId", clientMessageId));
    }
}
