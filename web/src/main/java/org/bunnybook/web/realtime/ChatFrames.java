package org.bunnybook.web.realtime;

import java.util.UUID;

/** Bodies of the client → server chat messages (SPEC §4). */
final class ChatFrames {

    private ChatFrames() {
    }

    record ChatMessage(String message, UUID to, String clientMessageId) {
    }

    record IsTyping(UUID chatGroupId) {
    }

    record MarkChatAsRead(UUID chatGroupId, UUID chatMessageId) {
    }
}
