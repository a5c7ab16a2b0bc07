package org.bunnybook.api.chat;

import org.bunnybook.api.StoredBefore;

import java.util.UUID;

/**
 * What {@link PostMessage} answers when its sender sent the same {@code clientMessageId} to the conversation before:
 * nothing new is stored, and this names the stored message's event, so that the sender can be told of it again.
 */
public record MessageAlreadyPosted(UUID chatGroupId, long seq) implements StoredBefore {

    @Override
    public String aggregateId() {
        return chatGroupId.toString();
    }
}
