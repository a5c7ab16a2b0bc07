package org.bunnybook.web.realtime;

import java.util.UUID;

/** Bodies of the client → server chat and resume messages (docs/realtime.md). */
final class ChatFrames {

    private ChatFrames() {
    }

    record ChatMessage(String message, UUID to, String clientMessageId) {
    }

    record IsTyping(UUID chatGroupId) {
    }

    record MarkChatAsRead(UUID chatGroupId, UUID chatMessageId) {
    }

    /** {@code since}: the {@code createdAt} of the newest push the client saw, as ISO-8601. */
    record Resume(String since) {
    }
}
